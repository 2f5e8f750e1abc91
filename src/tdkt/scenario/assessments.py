"""What the scenarios' Văn phòng writes as the đánh giá of each báo cáo sơ kết / tổng kết: the
judgements the figures cannot make (ưu điểm, hạn chế and nguyên nhân, bài học kinh nghiệm,
phương hướng, kiến nghị), entered through the service before the report is issued — the
software itself never writes them. They say nothing the report's own figures would contradict
(no counts: those come from the dossiers; no «đúng quy trình», «đúng thời hạn» where a dossier was
returned or late — the service refuses it, :func:`tdkt.domain.review_assessment.unsupported_claims`)."""

from __future__ import annotations

__all__ = ["SEED000_TONG_KET", "SEED001_SO_KET_1", "SEED001_TONG_KET", "SEED002_TONG_KET", "SEED003", "SEED004"]

Assessment = dict[str, list[str]]

SEED000_TONG_KET: Assessment = {
    "strengths": [
        # launched on 16/12 for the year 2026: not «kịp thời» (the service refuses it), but at once
        # after the province's plan of 15/12
        "Lãnh đạo Ban quan tâm chỉ đạo; phong trào được phát động ngay sau khi UBND tỉnh phát động phong trào "
        "trên địa bàn tỉnh, gắn với nhiệm vụ thu hút đầu tư, phát triển hạ tầng khu kinh tế và cải cách thủ tục "
        "hành chính.",
        "Việc xét khen thưởng được Hội đồng Thi đua - Khen thưởng thực hiện công khai, dân chủ.",
    ],
    "weaknesses": [
        "Có hồ sơ đề nghị khen thưởng phải bổ sung hoặc bị trả lại trong quá trình thẩm định.",
        "Việc nhân rộng các mô hình, cách làm hay ở một số đơn vị chưa thường xuyên.",
    ],
    "causes": ["Một số đơn vị chưa bố trí cán bộ theo dõi công tác thi đua, khen thưởng ổn định."],
    "lessons": ["Gắn chỉ tiêu thi đua với nhiệm vụ chuyên môn của từng phòng, đơn vị ngay từ khi đăng ký thi đua."],
    "directions": [
        "Tiếp tục phát động phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2027.",
        "Hướng dẫn các phòng, đơn vị lập báo cáo thành tích có số liệu, gửi hồ sơ đúng thời hạn.",
    ],
    "proposals": ["Đề nghị Sở Nội vụ tiếp tục tổ chức tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ làm "
                  "công tác thi đua, khen thưởng."],
    # the result of the plan's chỉ tiêu (mục II.2), as the Văn phòng entered it from the year's figures
    "targets": ["Tỷ lệ giải ngân vốn đầu tư năm 2026 đạt 96,2% kế hoạch vốn được giao, vượt chỉ tiêu của Kế hoạch"],
    # the result of each of the plan's six nội dung thi đua (mục II), as the Văn phòng entered it
    "contents": [
        "Ban Quản lý hoàn thành các nhiệm vụ trọng tâm năm 2026 được UBND tỉnh giao; các phòng, đơn vị hoàn "
        "thành nhiệm vụ chuyên môn theo chức năng, nhiệm vụ",
        "Vốn đầu tư năm 2026 được phân bổ ngay từ đầu năm; tỷ lệ giải ngân đạt 96,2% kế hoạch vốn được giao",
        "Đã đôn đốc các nhà đầu tư thực hiện dự án theo tiến độ đăng ký; phối hợp với các sở, ngành kiểm tra "
        "các dự án chậm tiến độ và kiến nghị xử lý theo quy định",
        "Công tác quản lý nhà nước tại các khu công nghiệp được duy trì; công tác xúc tiến, mời gọi nhà đầu tư "
        "hạ tầng khu công nghiệp được triển khai theo kế hoạch",
        "Phối hợp với các lực lượng chức năng tại cửa khẩu tháo gỡ vướng mắc phát sinh; hoạt động thông quan hàng "
        "hóa xuất nhập khẩu qua các cửa khẩu được duy trì thông suốt",
        "Công chức, viên chức, người lao động của Ban tham gia phong trào “Bình dân học vụ số”; các nhiệm vụ "
        "thực hiện Nghị quyết số 57-NQ/TW được triển khai theo kế hoạch",
    ],
}

SEED001_SO_KET_1: Assessment = {
    "strengths": [
        "Các phòng, đơn vị triển khai đợt 1 (chào mừng Đại hội Đảng bộ Ủy ban nhân dân tỉnh) gắn với "
        "nhiệm vụ chuyên môn; phần lớn hồ sơ được gửi về Văn phòng trước thời hạn của đợt.",
        "Hội đồng Thi đua - Khen thưởng họp xét công khai, dân chủ; hồ sơ được yêu cầu bổ sung đã được đơn vị "
        "hoàn thiện trước phiên họp xét.",
    ],
    "weaknesses": ["Chất lượng hồ sơ của một số đơn vị chưa bảo đảm: có báo cáo thành tích phải bổ sung số liệu, có "
                   "báo cáo thành tích chưa nêu sáng kiến, giải pháp theo tiêu chuẩn của Kế hoạch nên hồ sơ bị trả "
                   "lại và không được đơn vị nộp lại."],
    "causes": ["Thời gian của đợt thi đua ngắn, trùng với các nhiệm vụ chuyên môn cao điểm."],
    # the plan's two dated chỉ tiêu (mục II.2), both due in 9/2025: the report of 10/2025 says each
    "targets": [
        "Đến hết tháng 9/2025 chưa hoàn thành lựa chọn Nhà đầu tư thí điểm xây dựng mô hình cửa khẩu thông minh; "
        "hồ sơ đề xuất của các nhà đầu tư đang được đánh giá",
        "Công trình cải tạo, sửa chữa, nâng cấp cơ sở hạ tầng, trang thiết bị tại khu vực cửa khẩu Nà Nưa hoàn "
        "thành trong tháng 7/2025, trước thời hạn của Kế hoạch",
    ],
    "unmet_targets": ["1: Chưa hoàn thành lựa chọn Nhà đầu tư thí điểm xây dựng mô hình cửa khẩu thông minh trong "
                      "tháng 9/2025. Nguyên nhân: Việc thống nhất phương án kỹ thuật với phía Trung Quốc kéo dài hơn "
                      "dự kiến"],
    # the result of each of the plan's four nội dung thi đua (mục II), as the Văn phòng entered it on
    # 01/10/2025: the Ban's Đại hội held before the Đảng bộ UBND tỉnh's (đợt 1), the investor not yet chosen
    "contents": [
        "Đại hội Đảng bộ Ban Quản lý nhiệm kỳ 2025 - 2030 được tổ chức thành công theo kế hoạch của Đảng ủy "
        "Ban Quản lý, trước Đại hội đại biểu Đảng bộ Ủy ban nhân dân tỉnh; công tác tuyên truyền trước, trong và "
        "sau Đại hội được thực hiện đến các chi bộ, phòng, đơn vị",
        "Các phòng, đơn vị thực hiện nhiệm vụ 9 tháng năm 2025 theo kế hoạch; công trình tại khu vực cửa khẩu Nà "
        "Nưa hoàn thành trong tháng 7/2025; việc lựa chọn Nhà đầu tư thí điểm cửa khẩu thông minh chưa hoàn thành",
        # the count of sáng kiến recognised follows, from the dossiers' reports
        "Các phòng, đơn vị đăng ký sáng kiến, cách làm mới gắn với nhiệm vụ chuyên môn",
        "Các phòng, đơn vị tiếp tục thực hiện cải cách hành chính, chuyển đổi số và phong trào “Bình dân học vụ "
        "số”; không phát sinh vụ việc tham nhũng, tiêu cực trong cơ quan",
    ],
    "directions": [
        "Triển khai đợt 2 của phong trào; hướng dẫn các đơn vị chuẩn bị hồ sơ sớm, đúng thành phần.",
        "Hoàn thành lựa chọn Nhà đầu tư thí điểm xây dựng mô hình cửa khẩu thông minh trong tháng 10/2025.",
    ],
}

SEED001_TONG_KET: Assessment = {
    "strengths": [
        "Phong trào được các phòng, đơn vị hưởng ứng tích cực trong cả hai đợt, góp phần hoàn thành nhiệm vụ "
        "chào mừng Đại hội Đảng bộ tỉnh lần thứ XVIII.",
        "Việc xét khen thưởng bảo đảm đúng tỷ lệ, chỉ tiêu của Kế hoạch; các trường hợp ngoài chỉ tiêu được "
        "Hội đồng xem xét, kết luận rõ ràng.",
    ],
    "weaknesses": ["Có trường hợp số phiếu của Hội đồng bằng nhau, phải do Chủ trì phiên họp quyết định."],
    "causes": ["Thành tích của một số tập thể, cá nhân được đề nghị tương đương nhau, khó phân định."],
    "lessons": ["Xác định rõ tiêu chí, chỉ tiêu ngay từ khi phát động giúp việc bình xét thuận lợi, khách quan."],
    "targets": [
        "Hoàn thành lựa chọn Nhà đầu tư thí điểm xây dựng mô hình cửa khẩu thông minh trong tháng 10/2025, chậm "
        "01 tháng so với Kế hoạch",
        "Công trình cải tạo, sửa chữa, nâng cấp cơ sở hạ tầng, trang thiết bị tại khu vực cửa khẩu Nà Nưa hoàn "
        "thành trong tháng 7/2025, trước thời hạn của Kế hoạch",
    ],
    "unmet_targets": ["1: Việc lựa chọn Nhà đầu tư thí điểm xây dựng mô hình cửa khẩu thông minh hoàn thành chậm "
                      "01 tháng so với thời hạn tháng 9/2025. Nguyên nhân: Việc thống nhất phương án kỹ thuật với "
                      "phía Trung Quốc kéo dài hơn dự kiến"],
    # the result of each nội dung (mục II) at the tổng kết of 20/11/2025, after the Đại hội Đảng bộ tỉnh
    "contents": [
        "Đại hội Đảng bộ Ban Quản lý nhiệm kỳ 2025 - 2030 được tổ chức thành công theo kế hoạch của Đảng ủy "
        "Ban Quản lý; công chức, viên chức, người lao động và đảng viên của Ban tham gia tuyên truyền, chào mừng "
        "Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVIII",
        "Các phòng, đơn vị hoàn thành nhiệm vụ 10 tháng năm 2025; công trình tại khu vực cửa khẩu Nà Nưa hoàn "
        "thành trong tháng 7/2025; việc lựa chọn Nhà đầu tư thí điểm cửa khẩu thông minh hoàn thành trong tháng "
        "10/2025, chậm 01 tháng",
        # the count of sáng kiến recognised follows, from the dossiers' reports
        "Các phòng, đơn vị đăng ký, áp dụng sáng kiến, cách làm mới gắn với nhiệm vụ chuyên môn",
        "Cải cách hành chính, chuyển đổi số, phong trào “Bình dân học vụ số” được duy trì; không phát sinh vụ "
        "việc tham nhũng, tiêu cực trong cơ quan; quy chế dân chủ ở cơ sở được thực hiện",
    ],
    "directions": ["Tiếp tục duy trì các phong trào thi đua thường xuyên; nhân rộng các gương điển hình đã được "
                   "khen thưởng."],
}

SEED002_TONG_KET: Assessment = {
    "strengths": [
        "Ban triển khai Kế hoạch của UBND tỉnh kịp thời đến các phòng, đơn vị; các hình thức khen thưởng được đề "
        "nghị đúng thẩm quyền qua Sở Nội vụ và Hội đồng Thi đua - Khen thưởng tỉnh.",
    ],
    "weaknesses": ["Thời gian chuẩn bị hồ sơ đề nghị khen thưởng cấp Nhà nước còn ngắn; có hồ sơ bị Sở Nội vụ trả "
                   "lại để hoàn thiện."],
    "causes": ["Hồ sơ cấp Nhà nước phải qua nhiều cấp thẩm định."],
    "directions": ["Chủ động chuẩn bị hồ sơ đề nghị khen thưởng cấp cao từ đầu năm; theo dõi kết quả xét của "
                   "các cấp có thẩm quyền."],
}

#: plan 004's sơ kết (Quý IV/2027) and tổng kết (Quý III/2030)
SEED004: dict[str, Assessment] = {
    "so_ket": {
        "strengths": [
            "Phong trào đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh được các phòng, đơn vị hưởng ứng, gắn với "
            "nhiệm vụ quản lý khu kinh tế.",
            "Việc xét khen thưởng hằng năm được Hội đồng Thi đua - Khen thưởng thực hiện công khai, dân chủ.",
        ],
        "weaknesses": ["Việc áp dụng các giải pháp chuyển đổi xanh còn chậm so với chuyển đổi số."],
        "causes": ["Nguồn lực đầu tư cho các giải pháp chuyển đổi xanh còn hạn chế."],
        "lessons": ["Gắn phong trào với các nhiệm vụ chuyển đổi số cụ thể của từng đơn vị."],
        # the result of each of the plan's four chỉ tiêu (mục III), as the Văn phòng judges it: no figure
        "targets": [
            "Các phòng, đơn vị triển khai nhiệm vụ chính trị được giao và các nhiệm vụ thực hiện Nghị quyết số "
            "57-NQ/TW theo kế hoạch; mức độ hoàn thành được đánh giá tại kỳ tổng kết",
            "Hạ tầng công nghệ số của cơ quan tiếp tục được nâng cấp; Đề án thí điểm xây dựng cửa khẩu thông minh "
            "đang triển khai, chưa hoàn thành",
            "Công tác quản lý nhà nước trên môi trường số được duy trì; việc khai thác dữ liệu số còn hạn chế",
            "Các nhiệm vụ, chỉ tiêu được giao cho cơ quan đang được triển khai theo lộ trình",
        ],
        # what its result says falls short of chỉ tiêu 3 is a hạn chế, with its nguyên nhân
        "unmet_targets": ["3: Việc khai thác dữ liệu số còn hạn chế. Nguyên nhân: Dữ liệu của các phòng, đơn vị "
                          "chưa được kết nối, chia sẻ trên một nền tảng chung"],
        # the result of each of the plan's five nội dung (mục II) at the sơ kết of 23/12/2027
        "contents": [
            "Chủ trương về đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh được quán triệt đến các chi bộ, phòng, "
            "đơn vị và công chức, viên chức, người lao động",
            "Ban phối hợp với các sở, ngành rà soát, đề xuất tháo gỡ vướng mắc về cơ chế trong quản lý cửa khẩu số",
            "Hạ tầng công nghệ số của cơ quan tiếp tục được nâng cấp; văn bản, hồ sơ công việc được ký số, xử lý "
            "trên môi trường mạng",
            "Công chức, viên chức, người lao động tham gia các lớp bồi dưỡng kỹ năng số theo kế hoạch",
            "Dịch vụ công trực tuyến được duy trì; việc khai thác dữ liệu số còn hạn chế",
        ],
        "directions": ["Tiếp tục triển khai phong trào giai đoạn 2028 - 2030; ưu tiên các giải pháp chuyển đổi "
                       "xanh và khai thác dữ liệu số."],
    },
    "tong_ket": {
        "strengths": [
            # no sáng kiến is on record in plan 004's dossiers: the report claims none
            "Sau hơn bốn năm thực hiện, phong trào đã trở thành hoạt động thường xuyên của các phòng, đơn vị; các "
            "tập thể, cá nhân tiêu biểu được khen thưởng kịp thời.",
        ],
        "weaknesses": ["Một số đơn vị chưa duy trì đều việc đăng ký và báo cáo kết quả thi đua hằng năm."],
        "causes": ["Việc đôn đốc, kiểm tra thực hiện phong trào giữa các kỳ đánh giá chưa thường xuyên."],
        "lessons": ["Sơ kết giữa kỳ giúp điều chỉnh kịp thời trọng tâm của phong trào."],
        "targets": [
            # dated 20/9/2030, before the period ends (31/12/2030): what was done by then, not the period's
            "Đến thời điểm báo cáo, các phòng, đơn vị hoàn thành nhiệm vụ chính trị được giao và các nhiệm vụ thực "
            "hiện Nghị quyết số 57-NQ/TW của các năm 2026 - 2029; các nhiệm vụ năm 2030 đang được triển khai",
            "Hạ tầng công nghệ số của cơ quan được nâng cấp; Đề án thí điểm xây dựng cửa khẩu thông minh chưa hoàn "
            "thành, tiếp tục được triển khai trong giai đoạn 2031 - 2035",
            # each part of chỉ tiêu 3, the khai thác dữ liệu số the sơ kết found short of included
            "Công tác quản lý nhà nước trên môi trường số được thực hiện thường xuyên; dữ liệu của các phòng, đơn "
            "vị được kết nối, chia sẻ trên nền tảng dùng chung, việc khai thác, sử dụng tài nguyên số, dữ liệu số "
            "đáp ứng yêu cầu quản lý; các nhiệm vụ phát triển chính quyền số, cửa khẩu số được triển khai theo kế "
            "hoạch; bảo đảm an toàn, an ninh không gian mạng",
            "Đến thời điểm báo cáo, cơ quan hoàn thành các nhiệm vụ, chỉ tiêu được giao của các năm 2026 - 2029; các "
            "nhiệm vụ, chỉ tiêu năm 2030 đang được triển khai",
        ],
        # the Văn phòng judges chỉ tiêu 2 not met — the Đề án, not the hạ tầng, which was upgraded —, with its
        # nguyên nhân: the report names that part under «Hạn chế»
        "unmet_targets": ["2: Đề án thí điểm xây dựng cửa khẩu thông minh chưa hoàn thành. Nguyên nhân: Đề án cần "
                          "nguồn vốn đầu tư lớn và sự phối hợp của nhiều cơ quan ở hai bên cửa khẩu; việc bố trí "
                          "kinh phí thực hiện chậm so với kế hoạch"],
        # the result of each nội dung (mục II) at the tổng kết of 20/9/2030, before the period's end
        "contents": [
            "Chủ trương về đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh được quán triệt thường xuyên; nhận "
            "thức của công chức, viên chức, người lao động về chuyển đổi số được nâng lên",
            "Ban phối hợp với các sở, ngành đề xuất hoàn thiện cơ chế quản lý cửa khẩu số; một số vướng mắc về thể "
            "chế của Đề án thí điểm cửa khẩu thông minh chưa được tháo gỡ",
            "Hạ tầng công nghệ số của cơ quan được nâng cấp; hồ sơ công việc được ký số, xử lý trên môi trường mạng",
            "Công chức, viên chức, người lao động được bồi dưỡng kiến thức, kỹ năng số gắn với nhiệm vụ chuyên môn",
            "Dịch vụ công trực tuyến, thanh toán không dùng tiền mặt được duy trì; dữ liệu số của các phòng, đơn vị "
            "được kết nối, khai thác trên nền tảng dùng chung",
        ],
        "directions": ["Xây dựng kế hoạch phát động phong trào thi đua giai đoạn 2031 - 2035, kế thừa kết quả của "
                       "giai đoạn 2026 - 2030."],
        "proposals": ["Đề nghị UBND tỉnh tiếp tục quan tâm khen thưởng các tập thể, cá nhân có sáng kiến đổi mới "
                      "sáng tạo."],
    },
}

#: the agency's báo cáo sơ kết 6 tháng (item 10) and tổng kết năm (item 20) of the province's
#: calendar 2026 (plan 003): its own work on the calendar, which the report's table shows
SEED003: dict[int, Assessment] = {
    10: {
        "strengths": [
            "Kế hoạch công tác thi đua, khen thưởng năm 2026 của cơ quan được ban hành trước thời hạn tỉnh yêu "
            "cầu, gồm cả các nhiệm vụ thi đua, khen thưởng thường xuyên của cơ quan; các nhiệm vụ quý I, quý II "
            "được triển khai đến các phòng, đơn vị.",
            "Phong trào thi đua thường xuyên năm 2026 được phát động ngay trong quý I, các phòng, đơn vị và cá "
            "nhân đăng ký thi đua; việc bình xét danh hiệu thi đua cho thành tích năm 2025 hoàn thành trong quý I.",
            "Công chức phụ trách công tác thi đua, khen thưởng được cử dự bồi dưỡng nghiệp vụ đầy đủ.",
        ],
        # what the report's own figures show: every task on time, but no award decided and none
        # proposed to the province in the half year (II.4, II.5 say so)
        "weaknesses": ["Trong 6 tháng đầu năm cơ quan không khen thưởng đột xuất, theo chuyên đề và không đề nghị "
                       "cấp trên khen thưởng tập thể, cá nhân nào; không có tập thể, cá nhân được tặng Giấy khen "
                       "cho thành tích năm 2025."],
        "causes": ["Các phòng, đơn vị chưa chủ động phát hiện, đề xuất khen thưởng các tập thể, cá nhân có thành "
                   "tích xuất sắc trong thực hiện nhiệm vụ."],
        "directions": [
            "Theo dõi thời hạn các nhiệm vụ 6 tháng cuối năm theo lịch nhắc việc, không để chậm.",
            "Theo dõi kết quả thực hiện đăng ký thi đua của các phòng, đơn vị; tổ chức bình xét danh hiệu thi đua, "
            "Giấy khen cho thành tích năm 2026 trước ngày 31/12/2026.",
        ],
        "proposals": ["Đề nghị Sở Nội vụ thông báo sớm lịch kiểm tra công tác thi đua, khen thưởng năm 2026."],
    },
    20: {
        "strengths": [
            "Các nhiệm vụ của kế hoạch của tỉnh giao cho cơ quan cơ bản được thực hiện; hướng dẫn tổng kết "
            "năm được triển khai kịp thời đến các phòng, đơn vị.",
            "Kế hoạch công tác thi đua, khen thưởng năm 2026 và báo cáo sơ kết 6 tháng của cơ quan được ban "
            "hành, gửi Sở Nội vụ đúng thời hạn; phong trào thi đua thường xuyên được phát động, đăng ký thi đua "
            "và bình xét danh hiệu thi đua năm 2025 thực hiện trong quý I.",
        ],
        "weaknesses": [
            "Việc tự kiểm tra công tác thi đua, khen thưởng của cơ quan chưa thực hiện.",
            "Trong năm 2026 cơ quan không khen thưởng đột xuất, theo chuyên đề và không đề nghị cấp trên khen "
            "thưởng tập thể, cá nhân nào.",
        ],
        "causes": [
            "Công chức phụ trách công tác thi đua, khen thưởng kiêm nhiệm nhiều việc; chưa bố trí lịch tự kiểm "
            "tra ngay từ đầu năm.",
            "Các phòng, đơn vị chưa chủ động phát hiện, đề xuất khen thưởng các tập thể, cá nhân có thành tích "
            "xuất sắc trong thực hiện nhiệm vụ.",
        ],
        "lessons": ["Giao thời hạn cụ thể cho từng nhiệm vụ ngay khi ban hành kế hoạch năm và theo dõi hằng tháng."],
        # what became of each phương hướng of the báo cáo sơ kết 6 tháng (item 10), in its order
        "followups": [
            "Các nhiệm vụ 6 tháng cuối năm được theo dõi theo lịch nhắc việc; nhiệm vụ tự kiểm tra công tác thi "
            "đua, khen thưởng của cơ quan (hạn ngày 30/09/2026) chưa thực hiện",
            "Đang thực hiện. Các phòng, đơn vị báo cáo kết quả thực hiện đăng ký thi đua; hồ sơ đề nghị tặng Giấy "
            "khen nhận đến hết ngày 24/12/2026, việc bình xét danh hiệu thi đua, Giấy khen năm 2026 tổ chức trước "
            "ngày 31/12/2026",
        ],
        "directions": [
            "Xây dựng Kế hoạch công tác thi đua, khen thưởng năm 2027 của cơ quan ngay khi tỉnh ban hành kế hoạch, "
            "gồm các nhiệm vụ thi đua, khen thưởng thường xuyên của cơ quan.",
            "Phát động phong trào thi đua thường xuyên năm 2027 của cơ quan và tổ chức đăng ký thi đua trong quý "
            "I/2027; đề nghị cấp trên khen thưởng thành tích năm 2026 trong quý I/2027.",
        ],
        "proposals": [
            "Đề nghị Sở Nội vụ tổ chức bồi dưỡng nghiệp vụ về hồ sơ khen thưởng điện tử cho công chức phụ "
            "trách công tác thi đua, khen thưởng.",
        ],
    },
}
