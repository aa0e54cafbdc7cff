import pytest

from ocop.core.text import fold, fold_all


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điều", "dieu"),
        ("Đồng Phú", "dong phu"),
        ("HẠT ĐIỀU rang muối", "hat dieu rang muoi"),
        ("  Cà   phê ", "ca phe"),
        ("Mật ong", "mat ong"),
        ("Bù Gia Mập", "bu gia map"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_folds_vietnamese_for_search(text, folded):
    assert fold(text) == folded


def test_fold_is_the_same_for_composed_and_decomposed_unicode():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Điều")) == fold(unicodedata.normalize("NFC", "Điều")) == "dieu"


def test_fold_all_skips_blanks():
    assert fold_all("Hạt Điều", None, "", "3801") == "hat dieu 3801"
