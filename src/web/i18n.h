/*
 * i18n.h - every string of the web interface, Vietnamese first with English.
 * One X-macro table (i18n.c); pages ask tr(lang, T_KEY).
 */
#ifndef DONDOC_I18N_H
#define DONDOC_I18N_H

enum lang { LANG_VI, LANG_EN };

#define I18N_MAP(XX)                                                                           \
	XX(APP, "dondoc – Theo dõi nhiệm vụ", "dondoc – Task tracking")                       \
	XX(LOGIN, "Đăng nhập", "Log in")                                                        \
	XX(LOGOUT, "Đăng xuất", "Log out")                                                      \
	XX(USERNAME, "Tên đăng nhập", "Login")                                                  \
	XX(PASSWORD, "Mật khẩu", "Password")                                                    \
	XX(BAD_LOGIN, "Sai tên đăng nhập hoặc mật khẩu.", "Wrong login or password.")           \
	XX(THROTTLED, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",            \
	   "Too many failed logins. Try again in 15 minutes.")                                  \
	XX(HOME, "Trang chủ", "Home")                                                           \
	XX(PLANS, "Kế hoạch", "Plans")                                                          \
	XX(PLAN, "Kế hoạch", "Plan")                                                            \
	XX(TASK, "Nhiệm vụ", "Task")                                                            \
	XX(TASKS, "Nhiệm vụ", "Tasks")                                                          \
	XX(DUE_SOON, "Sắp đến hạn", "Due soon")                                                 \
	XX(OVERDUE, "Quá hạn", "Overdue")                                                       \
	XX(UNREPORTED, "Chưa báo cáo kỳ này", "Not reported this period")                       \
	XX(AWAITING, "Chờ xác nhận hoàn thành", "Awaiting confirmation")                        \
	XX(PORTFOLIO, "Nhiệm vụ phụ trách", "Tasks in my charge")                               \
	XX(COMPLETENESS, "Tình hình báo cáo theo cơ quan kỳ này",                               \
	   "Reporting by agency this period")                                                  \
	XX(URGE, "Cần đôn đốc", "To urge")                                                      \
	XX(AGENCY, "Cơ quan", "Agency")                                                         \
	XX(LEADER, "Lãnh đạo phụ trách", "Leader in charge")                                    \
	XX(SUPERVISOR, "Lãnh đạo chỉ đạo", "Supervisor")                                        \
	XX(LEAD, "Cơ quan chủ trì", "Lead agency")                                              \
	XX(COORD, "Cơ quan phối hợp", "Coordinating agencies")                                  \
	XX(DUE, "Thời hạn", "Due")                                                              \
	XX(RESULT, "Kết quả cần đạt", "Expected result")                                        \
	XX(STATUS, "Tình trạng", "Status")                                                      \
	XX(SECTION, "Mục", "Section")                                                           \
	XX(REF, "Số TT", "No.")                                                                 \
	XX(CONTENT, "Nội dung", "Content")                                                      \
	XX(SOURCE, "Nguồn (dòng trong văn bản)", "Source (line in the document)")               \
	XX(DOUBT, "Điểm cần kiểm tra", "Points to check")                                       \
	XX(REPORTS, "Báo cáo tiến độ", "Progress reports")                                      \
	XX(HISTORY, "Lịch sử chỉnh sửa", "Corrections")                                         \
	XX(REPORT, "Báo cáo", "Report")                                                         \
	XX(REPORT_FORM, "Gửi báo cáo tiến độ", "File a progress report")                        \
	XX(STATE, "Trạng thái", "State")                                                        \
	XX(DATE_DONE, "Ngày hoàn thành", "Date completed")                                      \
	XX(NOTE, "Ghi chú", "Note")                                                             \
	XX(VALUE, "Giá trị đạt được", "Value achieved")                                         \
	XX(PERIOD, "Kỳ báo cáo", "Period")                                                      \
	XX(EVIDENCE, "Tài liệu kèm theo", "Evidence")                                           \
	XX(SEND, "Gửi", "Send")                                                                 \
	XX(CONFIRM, "Xác nhận hoàn thành", "Confirm completion")                                \
	XX(REJECT, "Từ chối", "Refuse")                                                         \
	XX(REASON, "Lý do", "Reason")                                                           \
	XX(FILTER, "Lọc", "Filter")                                                             \
	XX(SEARCH, "Tìm kiếm", "Search")                                                        \
	XX(ALL, "Tất cả", "All")                                                                \
	XX(PREV, "Trang trước", "Previous")                                                     \
	XX(NEXT, "Trang sau", "Next")                                                           \
	XX(NONE, "Không có.", "None.")                                                          \
	XX(SAVED, "Đã ghi nhận.", "Saved.")                                                     \
	XX(NOT_FOUND, "Không tìm thấy.", "Not found.")                                          \
	XX(FORBIDDEN, "Bạn không có quyền thực hiện thao tác này.",                             \
	   "You are not allowed to do this.")                                                  \
	XX(ERROR, "Có lỗi", "Error")                                                            \
	XX(DRAFT, "Dự thảo", "Draft")                                                           \
	XX(PUBLISHED, "Đã ban hành", "Published")                                               \
	XX(NUMBER, "Số hiệu", "Number")                                                         \
	XX(TITLE, "Trích yếu", "Title")                                                         \
	XX(COUNT, "Số nhiệm vụ", "Tasks")                                                       \
	XX(REPORTED, "Đã báo cáo", "Reported")                                                  \
	XX(FILED, "Ngày báo cáo", "Filed")                                                      \
	XX(BY, "Người gửi", "By")                                                               \
	XX(DECISION, "Xác nhận", "Decision")                                                    \
	XX(FIELD, "Trường", "Field")                                                            \
	XX(OLD, "Giá trị cũ", "Old value")                                                      \
	XX(NEW, "Giá trị mới", "New value")                                                     \
	XX(BUCKETS, "Tình trạng nhiệm vụ", "Task status")                                       \
	XX(SWITCH_LANG, "English", "Tiếng Việt")                                                \
	XX(ROLE, "Vai trò", "Role")                                                             \
	XX(TOTAL, "Tổng", "Total")                                                              \
	XX(PAGE, "Trang", "Page")                                                               \
	XX(EXPECTED, "Phải báo cáo", "Expected")                                                \
	XX(ON_TIME, "Đúng hạn", "On time")                                                      \
	XX(BY_AGENCY, "Tình trạng nhiệm vụ theo cơ quan chủ trì", "Tasks by lead agency")       \
	XX(NOT_SENT, "Chưa gửi báo cáo", "Reports not sent")                                    \
	XX(AGENCIES, "Cơ quan, đơn vị", "Agencies")                                             \
	XX(PEOPLE, "Lãnh đạo", "Leaders")                                                       \
	XX(CONTACTS, "Địa chỉ thư", "Contacts")                                                 \
	XX(REMINDERS, "Đôn đốc", "Reminders")                                                   \
	XX(USERS, "Người dùng", "Users")                                                        \
	XX(NAME, "Tên", "Name")                                                                 \
	XX(USES, "Số lần nêu trong kế hoạch", "Uses in plans")                                  \
	XX(UNKNOWN, "Chưa có trong danh mục", "Not in the registry")                            \
	XX(KNOWN, "Có trong danh mục", "In the registry")                                       \
	XX(ALIASES, "Tên gọi khác đã ghi nhận", "Aliases taught")                               \
	XX(ALIAS, "Tên gọi khác", "Alias")                                                      \
	XX(CANONICAL, "Tên chuẩn", "Canonical name")                                            \
	XX(ADD_ALIAS, "Thêm tên gọi khác", "Add an alias")                                      \
	XX(ALIAS_DONE, "Đã ghi nhận tên gọi khác. Số tên đã đổi trong các kế hoạch:",           \
	   "Alias saved. Names changed in the stored plans:")                                   \
	XX(EMAIL, "Thư điện tử", "E-mail")                                                      \
	XX(SET_CONTACT, "Ghi địa chỉ thư (cơ quan hoặc lãnh đạo)",                              \
	   "Set an address (agency or official)")                                               \
	XX(RECIPIENT, "Người nhận", "Recipient")                                                \
	XX(ITEMS, "Số nhiệm vụ nêu", "Items")                                                   \
	XX(KIND, "Loại", "Kind")                                                                \
	XX(NO_ADDRESS, "Chưa có địa chỉ thư", "No address known")                               \
	XX(REMIND_PREVIEW, "Nhắc việc sẽ gửi hôm nay", "Reminders due today")                   \
	XX(REMIND_SEND, "Gửi nhắc việc", "Send the reminders")                                  \
	XX(REMIND_RESULT, "Kết quả gửi nhắc việc", "Reminders sent")                            \
	XX(OUTCOME, "Kết quả", "Outcome")                                                       \
	XX(OUT_SENT, "Đã gửi thư", "Sent")                                                      \
	XX(OUT_WRITTEN, "Đã lưu vào hộp thư đi", "Filed in the outbox")                         \
	XX(OUT_SKIPPED, "Đã gửi hôm nay, không gửi lại", "Sent today already: not again")       \
	XX(OUT_DRY, "Sẽ gửi", "To send")                                                        \
	XX(OUT_FAILED, "Lỗi", "Failed")                                                         \
	XX(NO_MAILER, "Máy chủ chưa cấu hình cách gửi thư.", "No mailer is configured.")        \
	XX(PERSON, "Họ tên lãnh đạo", "Person")                                                 \
	XX(DISABLED, "Đã khóa", "Disabled")                                                     \
	XX(ACTIVE, "Đang hoạt động", "Active")                                                  \
	XX(ADD_USER, "Thêm người dùng", "Add a user")                                           \
	XX(PW_HINT, "Để trống để tạo mật khẩu ngẫu nhiên", "Leave empty for a generated one")   \
	XX(PW_SHOWN, "Mật khẩu (chỉ hiện một lần):", "Password (shown once):")                   \
	XX(TOKEN_SHOWN, "Mã truy cập API (chỉ hiện một lần):", "API token (shown once):")        \
	XX(SET_PASSWORD, "Đặt mật khẩu", "Set the password")                                    \
	XX(DISABLE, "Khóa", "Disable")                                                          \
	XX(ENABLE, "Mở khóa", "Enable")                                                         \
	XX(NEW_TOKEN, "Tạo mã API", "New API token")                                            \
	XX(REVOKE_TOKENS, "Thu hồi mọi mã API", "Revoke its API tokens")                        \
	XX(REVOKED, "Số mã API đã thu hồi:", "API tokens revoked:")                             \
	XX(USER_ADDED, "Đã thêm người dùng", "User added")                                      \
	XX(BACK, "Quay lại", "Back")                                                            \
	XX(CHARTS, "Biểu đồ", "Charts")                                                          \
	XX(CHART_BY_AGENCY, "Nhiệm vụ theo cơ quan chủ trì và tình trạng",                       \
	   "Tasks by lead agency and status")                                                    \
	XX(CHART_BY_SECTION, "Nhiệm vụ theo mục và tình trạng", "Tasks by section and status")   \
	XX(CHART_BY_LEADER, "Nhiệm vụ theo lãnh đạo phụ trách và tình trạng",                    \
	   "Tasks by leader in charge and status")                                               \
	XX(MORE_PRE, "và ", "and ")                                                              \
	XX(MORE_AGENCIES, " cơ quan khác", " more agencies")                                     \
	XX(MORE_ROWS, " mục khác", " more")                                                      \
	XX(MORE_LEADERS, " lãnh đạo khác", " more leaders")                                      \
	XX(HOME_MORE, "Trang từng kế hoạch liệt kê đủ, lọc theo tình trạng",                    \
	   "Each plan's page lists them all, filtered by status")                               \
	XX(CHART_COMPLETENESS, "Tỷ lệ báo cáo đã nhận và đúng hạn, 6 kỳ gần nhất",               \
	   "Reports received and on time, last 6 periods")                                       \
	XX(RECEIVED, "Đã nhận", "Received")                                                      \
	XX(NOTHING_EXPECTED, "Không có báo cáo phải nộp", "No report expected")                  \
	XX(INDICATORS, "Chỉ tiêu theo năm", "Indicators by year")                                \
	XX(IND_TARGET, "Mục tiêu", "Target")                                                    \
	XX(IND_ACTUAL, "Thực hiện", "Actual")                                                   \
	XX(IND_BASELINE, "Mức cơ sở", "Baseline")                                               \
	XX(IND_COURSE, "Đánh giá", "On course?")                                                \
	XX(IND_RULE, "Căn cứ đánh giá", "Rule applied")                                         \
	XX(IND_NO_DATA, "Chưa có mục tiêu hay số liệu theo năm.", "No yearly target or value.") \
	XX(IND_FILE, "Báo cáo số liệu chỉ tiêu", "File an indicator value")                     \
	XX(IND_NONE, "Không có chỉ tiêu nào bạn được xem.", "No indicator you may see.")        \
	XX(COURSE_AHEAD, "Vượt lộ trình", "Ahead")                                              \
	XX(COURSE_ON, "Đúng lộ trình", "On course")                                             \
	XX(COURSE_BEHIND, "Chậm so với lộ trình", "Behind")                                     \
	XX(COURSE_NO_REPORT, "Chưa báo cáo", "Not reported")                                    \
	XX(COURSE_NO_TARGET, "Chưa có mục tiêu", "No target")                                   \
	XX(IMPORT, "Nhập kế hoạch", "Import")                                                   \
	XX(UPLOAD, "Tải văn bản lên", "Upload a document")                                      \
	XX(UPLOAD_HINT, "Văn bản Word, Excel (cả .doc, .xls), PDF, bản quét hoặc văn bản"       \
	   " thuần. Văn bản quét cần vài giây mỗi trang.",                                      \
	   "Word or Excel files (also .doc, .xls), PDF, scans or plain text."                   \
	   " A scan takes a few seconds a page.")                                               \
	XX(FILE, "Tệp văn bản", "File")                                                         \
	XX(RECENT_IMPORTS, "Các lần nhập gần đây", "Recent imports")                            \
	XX(DRAFTS, "Dự thảo chờ rà soát", "Drafts awaiting review")                             \
	XX(JOB_QUEUED, "Đang chờ xử lý", "Queued")                                              \
	XX(JOB_RUNNING, "Đang đọc văn bản", "Reading the document")                             \
	XX(JOB_DONE, "Đã nhập xong", "Imported")                                                \
	XX(JOB_FAILED, "Không nhập được", "Could not import")                                   \
	XX(JOB_WAIT, "Trang này tự cập nhật mỗi giây.", "This page refreshes itself every second.") \
	XX(REVIEW, "Rà soát dự thảo", "Review the draft")                                       \
	XX(REVIEW_LINK, "Rà soát và ban hành", "Review and publish")                            \
	XX(SOURCE_TEXT, "Văn bản gốc", "Source text")                                           \
	XX(EXTRACTED, "Nhiệm vụ trích xuất", "Extracted tasks")                                 \
	XX(DOUBTFUL, "cần kiểm tra", "to check")                                                \
	XX(EDIT, "Sửa", "Edit")                                                                 \
	XX(MERGE, "Gộp với nhiệm vụ sau", "Merge with the next")                                \
	XX(SPLIT, "Tách", "Split")                                                              \
	XX(SPLIT_AT, "Cắt tại ký tự thứ", "Cut at character")                                   \
	XX(SPLIT_TEXT, "hoặc nội dung nhiệm vụ mới", "or the new task's text")                  \
	XX(PUBLISH, "Ban hành kế hoạch", "Publish the plan")                                    \
	XX(NOTES, "Ghi chú khi nhập", "Import notes")                                           \
	XX(LINE, "Dòng", "Line")                                                                \
	XX(FILE_NAME, "Tên tệp", "File name")                                                   \
	XX(STARTED, "Bắt đầu", "Started")                                                       \
	XX(NOT_DRAFT, "Kế hoạch đã ban hành: không gộp, tách được nữa; sửa từng trường"         \
	   " ở trang nhiệm vụ.",                                                                \
	   "The plan is published: tasks can no longer be merged or split;"                     \
	   " correct fields on the task page.")                                                 \
	XX(NO_FILE, "Chưa chọn tệp văn bản.", "No file was chosen.")                            \
	XX(NO_SOURCE, "Không có văn bản gốc cho kế hoạch này (nhập trước khi có chức"           \
	   " năng rà soát).",                                                                   \
	   "No source text is kept for this plan (imported before the review"                   \
	   " page existed).")

enum tkey {
#define XX(k, vi, en) T_##k,
	I18N_MAP(XX)
#undef XX
	T__COUNT
};

/** The text of key in lang. */
const char *tr(enum lang lang, enum tkey key);

#endif
