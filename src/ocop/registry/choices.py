from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    COOPERATIVE_UNION = "cooperative_union", _("Union of cooperatives")
    COMPANY_LLC = "company_llc", _("Limited liability company")
    COMPANY_JSC = "company_jsc", _("Joint-stock company")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    HOUSEHOLD_BUSINESS = "household_business", _("Registered household business")
    FARM = "farm", _("Farm")
    ASSOCIATION = "association", _("Association or centre (tourism)")


# Indicator 8 of the plan counts these as "cooperatives and enterprises".
COOPERATIVES_AND_ENTERPRISES = frozenset(
    {
        LegalForm.COOPERATIVE,
        LegalForm.COOPERATIVE_UNION,
        LegalForm.COMPANY_LLC,
        LegalForm.COMPANY_JSC,
        LegalForm.PRIVATE_ENTERPRISE,
    }
)


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NOT_STATED = "not_stated", _("Not stated")  # the record does not say: never guessed (women-led: not counted)


class Ethnicity(models.TextChoices):
    """The 54 ethnic groups with the statistics office's codes (QĐ 121-TCTK/PPCĐ). 01 Kinh is the majority; 00
    records that the ethnicity is not stated (no group has that code)."""

    KINH = "01", "Kinh"
    TAY = "02", "Tày"
    THAI = "03", "Thái"
    HOA = "04", "Hoa"
    KHMER = "05", "Khơ-me"
    MUONG = "06", "Mường"
    NUNG = "07", "Nùng"
    HMONG = "08", "HMông"
    DAO = "09", "Dao"
    GIA_RAI = "10", "Gia-rai"
    NGAI = "11", "Ngái"
    E_DE = "12", "Ê-đê"
    BA_NA = "13", "Ba-na"
    XO_DANG = "14", "Xơ-đăng"
    SAN_CHAY = "15", "Sán Chay"
    CO_HO = "16", "Cơ-ho"
    CHAM = "17", "Chăm"
    SAN_DIU = "18", "Sán Dìu"
    HRE = "19", "Hrê"
    MNONG = "20", "Mnông"
    RA_GLAI = "21", "Ra-glai"
    XTIENG = "22", "Xtiêng"
    BRU_VAN_KIEU = "23", "Bru-Vân Kiều"
    THO = "24", "Thổ"
    GIAY = "25", "Giáy"
    CO_TU = "26", "Cơ-tu"
    GIE_TRIENG = "27", "Giẻ-Triêng"
    MA = "28", "Mạ"
    KHO_MU = "29", "Khơ-mú"
    CO = "30", "Co"
    TA_OI = "31", "Tà-ôi"
    CHO_RO = "32", "Chơ-ro"
    KHANG = "33", "Kháng"
    XINH_MUN = "34", "Xinh-mun"
    HA_NHI = "35", "Hà Nhì"
    CHU_RU = "36", "Chu-ru"
    LAO = "37", "Lào"
    LA_CHI = "38", "La Chí"
    LA_HA = "39", "La Ha"
    PHU_LA = "40", "Phù Lá"
    LA_HU = "41", "La Hủ"
    LU = "42", "Lự"
    LO_LO = "43", "Lô Lô"
    CHUT = "44", "Chứt"
    MANG = "45", "Mảng"
    PA_THEN = "46", "Pà Thẻn"
    CO_LAO = "47", "Cơ Lao"
    CONG = "48", "Cống"
    BO_Y = "49", "Bố Y"
    SI_LA = "50", "Si La"
    PU_PEO = "51", "Pu Péo"
    BRAU = "52", "Brâu"
    O_DU = "53", "Ơ Đu"
    RO_MAM = "54", "Rơ-măm"
    NOT_STATED = "00", _("Not stated")  # not a group: the record does not say (never assumed Kinh)


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In production")
    DISCONTINUED = "discontinued", _("Discontinued")


class CredentialKind(models.TextChoices):
    TRADEMARK_APPLICATION = "trademark_application", _("Trademark application")
    TRADEMARK = "trademark", _("Registered trademark")
    GEOGRAPHICAL_INDICATION = "geographical_indication", _("Geographical indication")
    COLLECTIVE_MARK = "collective_mark", _("Collective mark")
    CERTIFICATION_MARK = "certification_mark", _("Certification mark")
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalGAP"
    ORGANIC = "organic", _("Organic")
    ISO_22000 = "iso22000", "ISO 22000"
    HACCP = "haccp", "HACCP"
    ISO_9001 = "iso9001", "ISO 9001"
    OTHER_QUALITY = "other_quality", _("Other quality system")


INTELLECTUAL_PROPERTY_KINDS = frozenset(
    {
        CredentialKind.TRADEMARK_APPLICATION,
        CredentialKind.TRADEMARK,
        CredentialKind.GEOGRAPHICAL_INDICATION,
        CredentialKind.COLLECTIVE_MARK,
        CredentialKind.CERTIFICATION_MARK,
    }
)
