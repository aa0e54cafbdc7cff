"""Where each province of the two-level map (from 01/07/2025) has its seat — the town of its People's
Committee — as approximate coordinates (to about a tenth of a degree): enough to draw the 34 provinces as
points on the national dashboard's map without a tile server. Our data, from the provinces' public seats."""

# official code on the 2025 map → (latitude, longitude)
PROVINCE_SEATS: dict[str, tuple[float, float]] = {
    "01": (21.03, 105.85),  # Hà Nội
    "04": (22.67, 106.26),  # Cao Bằng
    "08": (21.82, 105.21),  # Tuyên Quang
    "11": (21.39, 103.02),  # Điện Biên (Điện Biên Phủ)
    "12": (22.40, 103.46),  # Lai Châu
    "14": (21.33, 103.91),  # Sơn La
    "15": (21.72, 104.91),  # Lào Cai (seat in former Yên Bái)
    "19": (21.59, 105.85),  # Thái Nguyên
    "20": (21.85, 106.76),  # Lạng Sơn
    "22": (20.95, 107.08),  # Quảng Ninh (Hạ Long)
    "24": (21.27, 106.19),  # Bắc Ninh (seat in former Bắc Giang)
    "25": (21.32, 105.40),  # Phú Thọ (Việt Trì)
    "31": (20.86, 106.68),  # Hải Phòng
    "33": (20.45, 106.34),  # Hưng Yên (seat in former Thái Bình)
    "37": (20.25, 105.97),  # Ninh Bình
    "38": (19.81, 105.78),  # Thanh Hóa
    "40": (18.68, 105.68),  # Nghệ An (Vinh)
    "42": (18.34, 105.91),  # Hà Tĩnh
    "44": (17.47, 106.60),  # Quảng Trị (seat in former Quảng Bình, Đồng Hới)
    "46": (16.46, 107.59),  # Huế
    "48": (16.05, 108.21),  # Đà Nẵng
    "51": (15.12, 108.80),  # Quảng Ngãi
    "52": (13.78, 109.22),  # Gia Lai (seat in former Bình Định, Quy Nhơn)
    "56": (12.24, 109.19),  # Khánh Hòa (Nha Trang)
    "66": (12.67, 108.04),  # Đắk Lắk (Buôn Ma Thuột)
    "68": (11.94, 108.44),  # Lâm Đồng (Đà Lạt)
    "75": (10.95, 106.82),  # Đồng Nai (Biên Hòa)
    "79": (10.78, 106.70),  # Hồ Chí Minh
    "80": (10.54, 106.41),  # Tây Ninh (seat in former Long An, Tân An)
    "82": (10.36, 106.36),  # Đồng Tháp (seat in former Tiền Giang, Mỹ Tho)
    "86": (10.25, 105.97),  # Vĩnh Long
    "91": (10.01, 105.08),  # An Giang (seat in former Kiên Giang, Rạch Giá)
    "92": (10.03, 105.78),  # Cần Thơ
    "96": (9.18, 105.15),  # Cà Mau
}
