"""The demo's stories and news: five articles of the Bình Phước programme, linked to demo producers and their
products — three published, one scheduled (the Đồng Nai OCOP fair of December 2026), one draft.

Idempotent and deterministic: each article is found again by its fixed slug and rewritten, and its links are
set again (the demo test deletes producers and products, then loads the demo a second time)."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from ocop.registry.models import Producer, Product
from ocop.stories.choices import ArticleKind, ArticleStatus
from ocop.stories.models import Article

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FAIR_OPENS = datetime.datetime(2026, 12, 18, 8, 0, tzinfo=VN)  # the market demo's "Hội chợ OCOP Đồng Nai 2026"


def _at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T08:00").replace(tzinfo=VN)


ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "tong-ket-chuong-trinh-ocop-binh-phuoc-2022-2025",
        "kind": ArticleKind.NEWS,
        "status": ArticleStatus.PUBLISHED,
        "publish_at": _at("2026-03-16"),
        "title": "Tổng kết Chương trình OCOP Bình Phước giai đoạn 2022–2025",
        "summary": "Sau bốn năm, sản phẩm OCOP có mặt ở mọi huyện, thị xã, thành phố của tỉnh; nhiều chủ thể "
        "là hợp tác xã và hộ kinh doanh của đồng bào dân tộc thiểu số.",
        "body": "<p>Hội nghị tổng kết Chương trình Mỗi xã một sản phẩm (OCOP) giai đoạn 2022–2025 đã đánh giá "
        "kết quả thực hiện kế hoạch của tỉnh và đề ra định hướng cho giai đoạn mới sau sáp nhập.</p>"
        "<h2>Những kết quả nổi bật</h2><ul><li>Sản phẩm OCOP có mặt ở tất cả 11 đơn vị cấp huyện.</li>"
        "<li>Các nhóm sản phẩm chủ lực: hạt điều, hồ tiêu, cà phê, mật ong và trái cây sấy.</li>"
        "<li>Nhiều chủ thể được hỗ trợ bao bì, mã số mã vạch và truy xuất nguồn gốc.</li></ul>"
        "<h2>Những việc còn phải làm</h2><p>Một số chỉ tiêu chưa đạt, nhất là số trung tâm giới thiệu và bán "
        "sản phẩm OCOP cấp huyện và tỷ lệ sản phẩm vào siêu thị.</p>"
        "<blockquote><p>Mỗi sản phẩm OCOP là một câu chuyện của quê hương.</p></blockquote>",
        "producers": [],
    },
    {
        "slug": "hat-dieu-dong-xoai-vi-bui-dat-do-bazan",
        "kind": ArticleKind.STORY,
        "status": ArticleStatus.PUBLISHED,
        "publish_at": _at("2026-06-20"),
        "title": "Hạt điều Đồng Xoài — vị bùi của đất đỏ bazan",
        "summary": "Từ những vườn điều trên đất đỏ, một doanh nghiệp nhỏ ở Đồng Xoài đưa hạt điều rang muối "
        "đến người tiêu dùng khắp cả nước.",
        "body": "<p>Bình Phước được mệnh danh là <strong>thủ phủ cây điều</strong> của cả nước. Ở Đồng Xoài, "
        "hạt điều được chọn lọc từ vườn của các hộ liên kết, rang theo cách truyền thống rồi tẩm muối vừa "
        "phải để giữ vị bùi tự nhiên.</p><h2>Từ vườn đến bàn ăn</h2><ol><li>Thu mua hạt đạt chuẩn từ hộ "
        "liên kết.</li><li>Phân loại, tách vỏ, sấy.</li><li>Rang muối, đóng hộp và dán tem truy xuất.</li>"
        "</ol><p><em>Đất đỏ bazan — hạt điều Bình Phước.</em></p>",
        "producers": ["Công ty TNHH Hạt điều Đồng Xoài"],
    },
    {
        "slug": "chuyen-de-dua-san-pham-ocop-len-san-thuong-mai-dien-tu",
        "kind": ArticleKind.TOPIC,
        "status": ArticleStatus.PUBLISHED,
        "publish_at": _at("2026-10-05"),
        "title": "Chuyên đề: Đưa sản phẩm OCOP lên sàn thương mại điện tử",
        "summary": "Livestream bán hàng, gian hàng trên sàn và tem truy xuất: những bước các chủ thể OCOP đã "
        "làm để bán hàng trực tuyến.",
        "body": "<p>Thương mại điện tử mở ra kênh bán hàng mới cho các hợp tác xã và hộ kinh doanh. Chuyên đề "
        "này tổng hợp kinh nghiệm của các chủ thể đã bán hàng thành công trên sàn.</p><h2>Chuẩn bị</h2><ul>"
        "<li>Ảnh sản phẩm rõ nét, mô tả đúng tiêu chuẩn đã công bố.</li><li>Tem truy xuất nguồn gốc và mã "
        "QR chứng nhận OCOP.</li><li>Đóng gói chắc chắn cho vận chuyển đường dài.</li></ul><h2>Bán hàng</h2>"
        "<p>Các phiên livestream do Trung tâm Xúc tiến tổ chức giúp người mua hỏi trực tiếp người làm ra "
        'sản phẩm. Thông tin về chương trình: <a href="https://ocop.gov.vn">ocop.gov.vn</a>.</p>',
        "producers": ["HTX Tiêu sạch Phước Long", "Hộ kinh doanh Cà phê An Lộc"],
    },
    {
        "slug": "khai-mac-hoi-cho-ocop-dong-nai-2026",
        "kind": ArticleKind.NEWS,
        "status": ArticleStatus.PUBLISHED,  # scheduled: appears when the fair opens
        "publish_at": None,
        "title": "Khai mạc Hội chợ OCOP Đồng Nai 2026 tại Biên Hòa",
        "summary": "Hội chợ giới thiệu sản phẩm OCOP của các xã, phường sau sáp nhập, trong đó có nhiều sản "
        "phẩm của vùng Bình Phước cũ.",
        "body": "<p>Sáng nay, Hội chợ OCOP Đồng Nai 2026 khai mạc tại Biên Hòa với các gian hàng của hợp tác "
        "xã, doanh nghiệp và hộ kinh doanh trong tỉnh.</p><p>Hội chợ kéo dài đến hết ngày 22/12.</p>",
        "producers": ["Tổ hợp tác Mật ong Bà Rá", "Công ty TNHH Hạt điều Đồng Xoài"],
    },
    {
        "slug": "mat-ong-ba-ra-nghe-nuoi-ong-duoi-chan-nui",
        "kind": ArticleKind.STORY,
        "status": ArticleStatus.DRAFT,
        "publish_at": _at("2026-11-28"),
        "title": "Mật ong Bà Rá: nghề nuôi ong dưới chân núi",
        "summary": "Những thùng ong đặt giữa vườn cà phê và rừng dưới chân núi Bà Rá.",
        "body": "<p>Tổ hợp tác nuôi ong ở Phước Long theo mùa hoa cà phê và hoa rừng. Bài viết đang chờ ảnh "
        "của chủ thể.</p>",
        "producers": ["Tổ hợp tác Mật ong Bà Rá"],
    },
]


def load_stories() -> int:
    author = get_user_model().objects.filter(username="tinh").first()
    for spec in ARTICLES:
        fields = {key: spec[key] for key in ("kind", "status", "title", "summary", "body")}
        fields["publish_at"] = spec["publish_at"] or max(FAIR_OPENS, timezone.now() + datetime.timedelta(days=7))
        article = Article.objects.filter(slug=spec["slug"]).first() or Article(slug=spec["slug"])
        for key, value in fields.items():
            setattr(article, key, value)
        article.author, article.is_demo = author, True
        article.full_clean()
        article.save()
        producers = list(Producer.objects.filter(is_demo=True, name__in=spec["producers"]).order_by("name"))
        article.producers.set(producers)
        article.products.set(Product.objects.filter(producer__in=producers).order_by("name", "pk")[:2])
    return len(ARTICLES)
