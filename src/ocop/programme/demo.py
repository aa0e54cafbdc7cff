"""The demo's plan: Bình Phước 2022–2025 as shipped, with a few tasks and progress reports per solution."""

import datetime

from ocop.market.models import Activity
from ocop.programme.loader import load_plan, shipped_plans
from ocop.programme.models import Task, TaskReport

TASKS = {
    1: [("Đưa chỉ tiêu OCOP vào kế hoạch phát triển KT-XH hằng năm", "Sở Kế hoạch và Đầu tư", "done")],
    2: [("Chuyên mục OCOP trên Đài Phát thanh - Truyền hình tỉnh", "Sở Thông tin và Truyền thông", "done"),
        ("Trang thông tin điện tử Chương trình OCOP", "Văn phòng Điều phối NTM tỉnh", "ongoing")],
    3: [("Chính sách hỗ trợ bao bì, nhãn mác sản phẩm OCOP", "Sở Nông nghiệp và PTNT", "done")],
    4: [("Đề tài công nghệ sấy lạnh hạt điều", "Sở Khoa học và Công nghệ", "done")],
    5: [("Hỗ trợ đăng ký nhãn hiệu chứng nhận cho 20 chủ thể", "Sở Khoa học và Công nghệ", "late")],
    6: [("Mô hình thí điểm OCOP gắn du lịch cộng đồng tại Bù Đăng", "UBND huyện Bù Đăng", "ongoing")],
    7: [("Hội nghị sơ kết Chương trình OCOP năm 2023", "Văn phòng Điều phối NTM tỉnh", "done"),
        ("Hội nghị tổng kết Chương trình OCOP 2022–2025", "Văn phòng Điều phối NTM tỉnh", "not_started")],
}  # fmt: skip


def load_programme() -> int:
    plans = [load_plan(path) for path in shipped_plans()]
    plan = next(p for p in plans if p.slug == "binh-phuoc-2022-2025")  # the national programme has no tasks here
    for solution in plan.solutions.all():
        for index, (title, agency, status) in enumerate(TASKS.get(solution.number, [])):
            task = Task.objects.create(
                solution=solution, title=title, responsible=agency, unit=plan.province, status=status,
                deadline=datetime.date(2023 + index, 12, 31),
            )  # fmt: skip
            if status != "not_started":
                TaskReport.objects.create(
                    task=task, reported_on=datetime.date(2024, 6, 30), progress=100 if status == "done" else 60,
                    text="Đã triển khai theo kế hoạch." if status != "late" else "Chậm do thiếu kinh phí đối ứng.",
                )  # fmt: skip
            if solution.number == 3:
                task.activities.set(Activity.objects.filter(kind="support_policy"))
    return len(plans)
