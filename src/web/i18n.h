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
