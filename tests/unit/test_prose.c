/*
 * test_prose.c - the prose task pass on small hand-made plans read through
 * text_read: numbered items with labelled fields, a grouping item with x.y
 * children, plain items, lettered agency blocks, OCR'd labels and numbering,
 * an inline assignment, and the parts that hold no tasks.
 *
 * Agency lists and time phrases are read by other modules; the expected
 * values here are what those modules make of the exact substring the pass
 * must hand them, so the tests check the cut, not the registry.
 */
#include "unit.h"
#include "xfixture.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "extract/timeframe.h"
#include "ingest/doc.h"
#include "model/plan.h"

static void run(struct fixture *f, const char *text, bool ocr)
{
	fixture_start(f, fixture_text(text), ocr);
	f->x.year = 2026;
	extract_prose(&f->x);
}

static void done(struct fixture *f)
{
	fixture_done(f);
}

/* got must equal what agency_split makes of list. */
static void check_agencies(struct fixture *f, const struct strlist *got,
			   const struct strlist *got_groups, const char *list)
{
	struct strlist want = { 0 }, want_groups = { 0 };
	size_t i;

	agency_split(f->reg, list, f->x.agency_flags, &want, &want_groups, NULL);
	assert_int_equal(got->n, want.n);
	for (i = 0; i < want.n; i++)
		assert_string_equal(got->v[i], want.v[i]);
	assert_int_equal(got_groups->n, want_groups.n);
	for (i = 0; i < want_groups.n; i++)
		assert_string_equal(got_groups->v[i], want_groups.v[i]);
	strlist_release(&want);
	strlist_release(&want_groups);
}

static void check_due(const struct task *t, const char *phrase)
{
	struct due *want = timeframe_parse(phrase, strlen(phrase), 2026);

	if (!want) {
		assert_null(t->due);
		return;
	}
	assert_non_null(t->due);
	assert_string_equal(t->due->start, want->start);
	assert_string_equal(t->due->end, want->end);
	assert_int_equal(t->due->recurring, want->recurring);
	due_free(want);
}

static bool doubted(const struct task *t, const char *field)
{
	return strlist_has(&t->doubt, field);
}

static void labelled_items(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Cụ thể hóa các nhiệm vụ.\n\n"
	    "II. NỘI DUNG THỰC HIỆN\n\n"
	    "1. Nhiệm vụ và giải pháp chung\n\n"
	    "1.1. Truyền thông nâng cao nhận thức\n\n"
	    "- *Nội dung:*\n\n"
	    "+ Tuyên truyền, phổ biến chủ trương.\n\n"
	    "+ Xây dựng chuyên trang¹, chuyên mục.\n\n"
	    "- Sản phẩm:\n\n+ Doanh thu đạt khoảng 15 tỷ đồng;\n\n+ Thu hút 02 đoàn làm phim.\n\n"
	    "- *Đơn vị chủ trì:* Sở Văn hóa, Thể thao và Du lịch.\n\n"
	    "- Đơn vị phối hợp: Sở Tài chính; các sở, ban, ngành; UBND các xã, phường.\n\n"
	    "- Thời gian thực hiện: Quý III/2026.\n\n"
	    "1.2. Lĩnh vực Điện ảnh:\n\n"
	    "Nội dung: Tăng cường quản lý nhà nước.\n\n"
	    "- Địa điểm: Thành phố Lào Cai.\n\n"
	    "- Đơn vị chủ trì: Sở Nội vụ\n\n"
	    "IV. KINH PHÍ THỰC HIỆN\n\nKinh phí từ ngân sách.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 2);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1.1");
	assert_string_equal(t->section, "Nhiệm vụ và giải pháp chung");
	assert_string_equal(t->text, "Truyền thông nâng cao nhận thức Tuyên truyền, phổ biến chủ "
				     "trương. Xây dựng chuyên trang, chuyên mục.");
	assert_string_equal(t->result, "Doanh thu đạt khoảng 15 tỷ đồng; Thu hút 02 đoàn làm phim.");
	check_agencies(&f, &t->lead, &t->lead_groups, "Sở Văn hóa, Thể thao và Du lịch");
	check_agencies(&f, &t->coordinate, &t->coordinate_groups,
		       "Sở Tài chính; các sở, ban, ngành; UBND các xã, phường");
	check_due(t, "Quý III/2026");
	assert_int_equal(t->line, 11);
	assert_int_equal(t->targets.n, 0);
	t = &f.plan.tasks.v[1];
	assert_string_equal(t->ref, "II.1.2");
	assert_string_equal(t->text, "Lĩnh vực Điện ảnh: Tăng cường quản lý nhà nước.");
	assert_null(t->result);
	assert_null(t->due);
	check_agencies(&f, &t->lead, &t->lead_groups, "Sở Nội vụ");
	done(&f);
}

static void plain_items_and_appendix_pointer(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "III. NHIỆM VỤ\n\n1. Nhiệm vụ chung\n\n"
	    "1.1. Tiếp tục đẩy mạnh công tác tuyên truyền.\n\n"
	    "Xây dựng chuyên trang, chuyên mục.\n\n"
	    "1.2. Tăng cường kiểm tra các hoạt động kinh doanh, kiểm soát chất\n\n"
	    "lượng dịch vụ du lịch.\n\n"
	    "2. Nhiệm vụ cụ thể: các cơ quan thành viên triển khai các nhiệm vụ theo phân công "
	    "cụ thể tại Phụ lục đính kèm.\n\n"
	    "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với "
	    "các ngành tham mưu.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 2);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "III.1.1");
	assert_string_equal(t->section, "Nhiệm vụ chung");
	assert_string_equal(t->text,
			    "Tiếp tục đẩy mạnh công tác tuyên truyền. Xây dựng chuyên trang, chuyên mục.");
	assert_int_equal(t->lead.n + t->lead_groups.n, 0);
	assert_false(doubted(t, "lead"));
	t = &f.plan.tasks.v[1];
	assert_string_equal(t->ref, "III.1.2");
	assert_string_equal(t->text, "Tăng cường kiểm tra các hoạt động kinh doanh, kiểm soát chất "
				     "lượng dịch vụ du lịch.");
	done(&f);
}

static void agency_blocks(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "II. NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU\n\n"
	    "1. Tập trung hoàn thiện đồng bộ thể chế, pháp luật\n\n"
	    "a) Sở Tư pháp chủ trì, phối hợp với các ngành có liên quan, Ủy ban nhân dân các xã, "
	    "phường\n\n"
	    "Nâng cao chất lượng công tác thẩm định.\n\n"
	    "Giải ngân đầu tư công: Phân bổ kế hoạch vốn kịp thời.\n\n"
	    "b) Công an tỉnh, Viện Kiểm sát, Tòa án tỉnh:\n\n"
	    "Tăng cường công tác phát hiện, điều tra.\n\n"
	    "c) Các sở, ban, ngành, Ủy ban nhân dân các xã, phường\n\n"
	    "Đẩy mạnh ứng dụng công nghệ thông tin.\n\n"
	    "2. Chủ động hơn nữa công tác thông tin tuyên truyền\n\n"
	    "a) Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh:\n\n"
	    "Nâng cao hiệu quả công tác dân vận.\n\n"
	    "III. TỔ CHỨC THỰC HIỆN\n\n"
	    "1. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan rà soát.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 4);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1.a");
	assert_string_equal(t->section, "Tập trung hoàn thiện đồng bộ thể chế, pháp luật");
	assert_string_equal(t->text, "Nâng cao chất lượng công tác thẩm định. Giải ngân đầu tư "
				     "công: Phân bổ kế hoạch vốn kịp thời.");
	check_agencies(&f, &t->lead, &t->lead_groups, "Sở Tư pháp");
	check_agencies(&f, &t->coordinate, &t->coordinate_groups,
		       "các ngành có liên quan, Ủy ban nhân dân các xã, phường");
	t = &f.plan.tasks.v[1];
	assert_string_equal(t->ref, "II.1.b");
	assert_string_equal(t->text, "Tăng cường công tác phát hiện, điều tra.");
	check_agencies(&f, &t->lead, &t->lead_groups, "Công an tỉnh, Viện Kiểm sát, Tòa án tỉnh");
	assert_int_equal(t->coordinate.n + t->coordinate_groups.n, 0);
	t = &f.plan.tasks.v[2];
	assert_string_equal(t->ref, "II.1.c");
	check_agencies(&f, &t->lead, &t->lead_groups,
		       "Các sở, ban, ngành, Ủy ban nhân dân các xã, phường");
	t = &f.plan.tasks.v[3];
	assert_string_equal(t->ref, "II.2.a");
	assert_string_equal(t->section, "Chủ động hơn nữa công tác thông tin tuyên truyền");
	check_agencies(&f, &t->lead, &t->lead_groups, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
	done(&f);
}

static void ocr_labels_and_numbers(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "I. MUC PICH, YEU CAU\n\n- Cac hoat dong duoc to chuc.\n\n"
	    "I1. NQOI DUNG\n\n"
	    "oL Phéi hep xay dung co ché diéu hanh chuong trinh phat\n\n"
	    "trién du lich\n\n"
	    "- Ngi dung: Trén co sé md hinh diéu hanh.\n\n"
	    "- Thoi gian: Quy 1/2021.\n\n"
	    "- Dom vi thue hién: S& Vin héa, The thao va Du lich.\n\n"
	    "2. Hop tac trao doi thong tin\n\n"
	    "- N§i dung: Cung cap thong tin.\n"
	    "- Pia diém: Thanh ph H6 Chi Minh.\n"
	    "- Pon vi phoi hop: So Ké hoach va Pau Tu (Trung tam Xdc tién Pau tu,\n"
	    "Thirong mai va Du lich), UBND cac huyén, thanh phd, Hiép hoi Du lich Lai\n"
	    "Chau.\n\n"
	    "V. TO CHUC THUC HIEN\n\n1. Ban Chi dao\n\n- Chu tri, phoi hop.\n",
	    true);
	assert_int_equal(f.plan.tasks.n, 2);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1");
	assert_string_equal(t->section, "NQOI DUNG");
	assert_string_equal(t->text, "Phéi hep xay dung co ché diéu hanh chuong trinh phat trién "
				     "du lich Trén co sé md hinh diéu hanh.");
	assert_true(doubted(t, "ref"));
	check_agencies(&f, &t->lead, &t->lead_groups, "S& Vin héa, The thao va Du lich");
	check_due(t, "Quy 1/2021");
	t = &f.plan.tasks.v[1];
	assert_string_equal(t->ref, "II.2");
	assert_string_equal(t->text, "Hop tac trao doi thong tin Cung cap thong tin.");
	check_agencies(&f, &t->coordinate, &t->coordinate_groups,
		       "So Ké hoach va Pau Tu (Trung tam Xdc tién Pau tu, Thirong mai va Du lich), "
		       "UBND cac huyén, thanh phd, Hiép hoi Du lich Lai Chau");
	done(&f);
}

static void inline_assignment(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "II. NHIỆM VỤ, GIẢI PHÁP\n\n"
	    "1. Tăng cường quản lý an ninh trật tự (Giao Công an tỉnh chủ trì, phối hợp với Sở Tư "
	    "pháp, Sở Nội vụ, hoàn thành trước ngày 28/2/2023).\n\n"
	    "2. Làm tốt công tác tuyên truyền.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 2);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1");
	assert_non_null(strstr(t->text, "(Giao Công an tỉnh"));
	check_agencies(&f, &t->lead, &t->lead_groups, "Công an tỉnh");
	check_agencies(&f, &t->coordinate, &t->coordinate_groups, "Sở Tư pháp, Sở Nội vụ");
	check_due(t, "hoàn thành trước ngày 28/2/2023");
	/* An explicit assignment of known bodies is not a guess. */
	assert_false(doubted(t, "lead"));
	t = &f.plan.tasks.v[1];
	assert_null(t->due);
	assert_int_equal(t->lead.n, 0);
	done(&f);
}

static void other_parts_hold_no_tasks(void **state)
{
	struct fixture f;

	run(&f,
	    "I. MỤC TIÊU\n\n1. Mục tiêu chung\n\n2. Mục tiêu cụ thể\n\n"
	    "- Doanh thu đạt 15 tỷ đồng.\n\n"
	    "II. KINH PHÍ\n\n1. Ngân sách tỉnh.\n\n"
	    "III. TỔ CHỨC THỰC HIỆN\n\n"
	    "1. Sở Tài chính: Chủ trì, phối hợp với các sở bố trí kinh phí.\n\n"
	    "2. Các sở, ban, ngành\n\n- Đơn vị chủ trì: Sở Nội vụ.\n\n"
	    "Nơi nhận:\n\n- Như trên;\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 0);
	done(&f);
}

static void numbered_parts_without_roman(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "1. MỤC ĐÍCH\n\n- Cụ thể hóa.\n\n2. NỘI DUNG\n\n2.1. Tổ chức hội nghị\n\n"
	    "- Nội dung: Hội nghị xúc tiến.\n\n"
	    "- Đơn vị phối hợp:\n\n+ Sở Tài chính;\n\n+ Sở Nội vụ.\n\n"
	    "- Thời gian: Quý II/2026.\n\n"
	    "Tổ chức tại Lào Cai.\n\n"
	    "3. TỔ CHỨC THỰC HIỆN\n\n3.1. Sở Tài chính chủ trì.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 1);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "2.1");
	assert_string_equal(t->section, "NỘI DUNG");
	/* A new sentence after the time field goes back to the text. */
	assert_string_equal(t->text, "Tổ chức hội nghị Hội nghị xúc tiến. Tổ chức tại Lào Cai.");
	check_agencies(&f, &t->coordinate, &t->coordinate_groups, "Sở Tài chính; Sở Nội vụ");
	check_due(t, "Quý II/2026");
	done(&f);
}

static void item_headed_by_agency(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "II. NHIỆM VỤ\n\n1. Sở Tài chính:\n\n- Bố trí kinh phí.\n\n"
	    "- Hướng dẫn quyết toán.\n\n2. Tổ chức hội nghị tổng kết.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 2);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1");
	/* The heading names who does the dashes: it is the lead. */
	assert_string_equal(t->text, "Bố trí kinh phí. Hướng dẫn quyết toán.");
	assert_int_equal(t->lead.n, 1);
	assert_string_equal(t->lead.v[0], "Sở Tài chính");
	t = &f.plan.tasks.v[1];
	assert_string_equal(t->text, "Tổ chức hội nghị tổng kết.");
	assert_int_equal(t->lead.n + t->lead_groups.n, 0);
	done(&f);
}

static void goal_subsections_in_a_task_part(void **state)
{
	struct fixture f;

	run(&f,
	    "II. MỤC TIÊU, NHIỆM VỤ\n\n1. Mục tiêu cụ thể\n\n1.1. Đón 4 triệu lượt khách.\n\n"
	    "2. Nhiệm vụ\n\n2.1. Tổ chức thực hiện các hoạt động xúc tiến du lịch.\n\n"
	    "3. Kinh phí\n\n- Ngân sách tỉnh.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 1);
	assert_string_equal(f.plan.tasks.v[0].ref, "II.2.1");
	assert_string_equal(f.plan.tasks.v[0].section, "Nhiệm vụ");
	done(&f);
}

static void survives_odd_outlines(void **state)
{
	struct fixture f;

	/* Items before any part, a letter without a parent, deep numbering,
	 * a label with no item, an empty part. */
	run(&f,
	    "a) Lẻ loi:\n\nđoạn văn.\n\n- Nội dung:\n\n1.2.3.4.5 Sâu\n\nII. NỘI DUNG\n\n"
	    "III. NHIỆM VỤ\n\n- Nội dung: x\n\n5.1 Mục\n\n(Giao\n\n(Giao X chủ trì\n",
	    false);
	done(&f);
}

/* The lead, bodies and groups, of task i as one "a|b|#group" string. */
static void assert_lead(const struct task *t, const char *want)
{
	struct sb got = SB_INIT;
	size_t i;

	for (i = 0; i < t->lead.n; i++)
		sb_addf(&got, "%s%s", got.len ? "|" : "", t->lead.v[i]);
	for (i = 0; i < t->lead_groups.n; i++)
		sb_addf(&got, "%s#%s", got.len ? "|" : "", t->lead_groups.v[i]);
	assert_string_equal(got.buf ? got.buf : "", want);
	sb_release(&got);
}

/* "1. Sở X" over a) b): every item is the heading's; "phối hợp với Y <work>"
 * adds Y and stops where the work begins; the time frame inside the item is
 * read, a cited decree's date is not. */
static void agency_heading_over_items(void **state)
{
	struct fixture f;
	const struct task *t;

	run(&f,
	    "II. NHIỆM VỤ CỤ THỂ\n\n"
	    "**1. Sở Khoa học và Công nghệ**\n\n"
	    "a) Chủ trì, phối hợp với Văn phòng UBND tỉnh nâng cấp Hệ thống thông tin. "
	    "Hoàn thành trong Quý II/2026.\n\n"
	    "b) Hướng dẫn thực hiện theo Nghị định số 60/2021/NĐ-CP ngày 21/6/2021.\n\n"
	    "2. Sở Xây dựng:\n\n"
	    "a) Phối hợp với Sở Tài chính, Thuế tỉnh thẩm định dự án; thực hiện hằng năm.\n\n"
	    "3. UBND các xã, phường\n\n"
	    "a) Tuyên truyền người dân; trình UBND tỉnh trong quý 3/2026.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 4);
	t = &f.plan.tasks.v[0];
	assert_string_equal(t->ref, "II.1.a");
	assert_lead(t, "Sở Khoa học và Công nghệ");
	assert_int_equal(t->coordinate.n, 1);
	assert_string_equal(t->coordinate.v[0], "Văn phòng UBND tỉnh");
	check_due(t, "Quý II/2026");
	t = &f.plan.tasks.v[1];
	assert_lead(t, "Sở Khoa học và Công nghệ");
	assert_null(t->due); /* a citation, not a deadline */
	t = &f.plan.tasks.v[2];
	assert_string_equal(t->ref, "II.2.a");
	assert_lead(t, "Sở Xây dựng");
	assert_int_equal(t->coordinate.n, 2);
	assert_string_equal(t->coordinate.v[1], "Thuế tỉnh");
	check_due(t, "hằng năm");
	t = &f.plan.tasks.v[3];
	assert_lead(t, "#UBND các xã, phường");
	check_due(t, "Quý III/2026");
	done(&f);
}

/* A., B., C. over roman parts: refs follow the document's labels; the
 * goals letter and the organisation letter hold no tasks. */
static void lettered_parts(void **state)
{
	struct fixture f;

	run(&f,
	    "A. MỤC ĐÍCH, YÊU CẦU\n\nI. Mục đích\n\n1. Cụ thể hóa các nhiệm vụ.\n\n"
	    "B. NHIỆM VỤ, GIẢI PHÁP\n\nI. Công tác chỉ đạo\n\n"
	    "1. Kiện toàn Ban Chỉ đạo (Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính thực hiện; "
	    "hoàn thành trước ngày 15/9/2026).\n\n"
	    "II. Phát triển sản xuất\n\n"
	    "1. Triển khai Chương trình OCOP (Giao Sở Công Thương thực hiện; thường xuyên).\n\n"
	    "C. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính chủ trì bố trí kinh phí.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 2);
	assert_string_equal(f.plan.tasks.v[0].ref, "B.I.1");
	assert_lead(&f.plan.tasks.v[0], "Sở Nội vụ");
	assert_string_equal(f.plan.tasks.v[0].coordinate.v[0], "Sở Tài chính");
	check_due(&f.plan.tasks.v[0], "trước ngày 15/9/2026");
	assert_string_equal(f.plan.tasks.v[1].ref, "B.II.1");
	assert_lead(&f.plan.tasks.v[1], "Sở Công Thương");
	check_due(&f.plan.tasks.v[1], "thường xuyên");
	done(&f);
}

/* Requests and bodies that open an item lead it; actions do not; what is
 * to be said is not a task. */
static void requests_and_verbs(void **state)
{
	struct fixture f;

	run(&f,
	    "II. NỘI DUNG TUYÊN TRUYỀN\n\n1. Hiến pháp năm 2013.\n\n"
	    "III. NHIỆM VỤ\n\n"
	    "1. Đề nghị Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh tổ chức phiên tòa lưu động.\n\n"
	    "2. Bộ Chỉ huy Quân sự tỉnh chỉ đạo lực lượng dân quân tham gia.\n\n"
	    "3. Tổ chức, thực hiện tuyên truyền trên Cổng Thông tin điện tử tỉnh.\n\n"
	    "4. Đề nghị Liên đoàn Lao động tỉnh phối hợp với Sở Nội vụ tuyên truyền.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 4);
	assert_string_equal(f.plan.tasks.v[0].ref, "III.1");
	assert_lead(&f.plan.tasks.v[0], "Tòa án nhân dân tỉnh|Viện Kiểm sát nhân dân tỉnh");
	assert_lead(&f.plan.tasks.v[1], "Bộ Chỉ huy Quân sự tỉnh");
	assert_lead(&f.plan.tasks.v[2], "");
	assert_lead(&f.plan.tasks.v[3], "Liên đoàn Lao động tỉnh");
	assert_string_equal(f.plan.tasks.v[3].coordinate.v[0], "Sở Nội vụ");
	done(&f);
}

/* A national document: "các địa phương" are the provinces, "Địa phương Hà
 * Tĩnh, Nghệ An" their committees. */
static void national_collectives(void **state)
{
	struct fixture f;

	fixture_start(&f,
		      fixture_text("II. NHIỆM VỤ\n\n"
				   "1. Các bộ, cơ quan ngang bộ và các địa phương rà soát vốn; hoàn "
				   "thành trước ngày 30/6/2026.\n\n"
				   "2. Địa phương Hà Tĩnh, Nghệ An hoàn thành giải phóng mặt bằng.\n"),
		      false);
	f.x.year = 2026;
	f.x.agency_flags |= AGENCY_NATIONAL;
	extract_prose(&f.x);
	assert_int_equal(f.plan.tasks.n, 2);
	assert_lead(&f.plan.tasks.v[0], "#Các bộ, cơ quan ngang bộ|#UBND các tỉnh, thành phố");
	assert_lead(&f.plan.tasks.v[1], "UBND tỉnh Hà Tĩnh|UBND tỉnh Nghệ An");
	done(&f);
}

/* A person in the lead label: the office within the issuing body, doubted. */
static void person_in_lead_label(void **state)
{
	struct fixture f;
	const struct task *t;

	fixture_start(&f,
		      fixture_text("II. NHIỆM VỤ\n\n1. Tổng kết công tác năm 2024\n"
				   "- Chủ trì: Đồng chí Thứ trưởng phụ trách lĩnh vực du lịch\n"
				   "- Thời gian thực hiện: Tháng 12/2024\n"),
		      false);
	f.plan.doc.issuer = xstrdup("Bộ Văn hóa, Thể thao và Du lịch");
	f.x.year = 2024;
	extract_prose(&f.x);
	assert_int_equal(f.plan.tasks.n, 1);
	t = &f.plan.tasks.v[0];
	assert_lead(t, "Bộ Văn hóa, Thể thao và Du lịch");
	assert_true(doubted(t, "lead"));
	done(&f);
}

/* No silent loss: prose of the tasks part that no item holds is reported. */
static void unplaced_text_is_noted(void **state)
{
	struct fixture f;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	fixture_start(&f,
		      fixture_text("II. NHIỆM VỤ\n\nCác cơ quan, đơn vị cần quán triệt sâu sắc "
				   "tinh thần của Kế hoạch này.\n\n1. Sở Y tế chủ trì kiểm tra.\n"),
		      false);
	f.x.explain = out;
	extract_prose(&f.x);
	fclose(out);
	assert_int_equal(f.plan.tasks.n, 1);
	assert_non_null(strstr(buf, ":3: text in the tasks part placed in no task"));
	free(buf);
	done(&f);
}

/* "TỔ CHỨC THỰC HIỆN" gives the tasks only when the content part's items name
 * no agency; otherwise its blocks are standing duties. */
static void duties_assign_when_content_does_not(void **state)
{
	struct fixture f;
	static const char duties[] = "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n"
				     "Bố trí kinh phí thực hiện Kế hoạch.\n";
	struct sb text = SB_INIT;

	sb_addf(&text, "II. NHIỆM VỤ\n\n1. Đẩy mạnh phong trào thể thao.\n\n%s", duties);
	run(&f, text.buf, false);
	assert_int_equal(f.plan.tasks.n, 2);
	assert_string_equal(f.plan.tasks.v[1].ref, "III.1");
	assert_lead(&f.plan.tasks.v[1], "Sở Tài chính");
	done(&f);
	sb_reset(&text);
	sb_addf(&text, "II. NHIỆM VỤ\n\n1. Sở Y tế chủ trì kiểm tra an toàn thực phẩm.\n\n%s",
		duties);
	run(&f, text.buf, false);
	assert_int_equal(f.plan.tasks.n, 1);
	assert_lead(&f.plan.tasks.v[0], "Sở Y tế");
	done(&f);
	sb_release(&text);
}

/* "Sở Xây dựng:" unnumbered over items: a block of its own, its number
 * inferred after its siblings and doubted. */
static void unnumbered_agency_heading(void **state)
{
	struct fixture f;

	run(&f,
	    "II. NHIỆM VỤ\n\n1. Sở Tài chính\n\na) Bố trí kinh phí.\n\n"
	    "Sở Xây dựng:\n\na) Phối hợp với Sở Tài chính thẩm định dự án.\n\n"
	    "b) Kiểm tra chất lượng công trình.\n\n"
	    "**Công an tỉnh**\n\n- Bảo đảm an ninh trật tự; thực hiện thường xuyên.\n",
	    false);
	assert_int_equal(f.plan.tasks.n, 4);
	assert_string_equal(f.plan.tasks.v[0].ref, "II.1.a");
	assert_string_equal(f.plan.tasks.v[0].text, "Bố trí kinh phí.");
	assert_false(doubted(&f.plan.tasks.v[0], "ref"));
	assert_string_equal(f.plan.tasks.v[1].ref, "II.2.a");
	assert_lead(&f.plan.tasks.v[1], "Sở Xây dựng");
	assert_string_equal(f.plan.tasks.v[1].coordinate.v[0], "Sở Tài chính");
	assert_true(doubted(&f.plan.tasks.v[1], "ref"));
	assert_string_equal(f.plan.tasks.v[2].ref, "II.2.b");
	assert_string_equal(f.plan.tasks.v[3].ref, "II.3");
	assert_lead(&f.plan.tasks.v[3], "Công an tỉnh");
	check_due(&f.plan.tasks.v[3], "thường xuyên");
	done(&f);
}

/* A seal over "- Đơn vị phối hợp: Sở Công Thương" left "- Đơn Thương, …"
 * (doc_block.lost): the coordinators the document labels elsewhere and this
 * task lacks are doubtful; the fields it has, and those the document never
 * labels, are not; without the loss the coordinators are not doubted. */
static void lost_label_doubted(void **state)
{
	static const char *const text =
		"III. NỘI DUNG THỰC HIỆN\n\n1. Lễ hội hoa đào\n\n- Thời gian: Tháng 2/2026.\n\n"
		"- Đơn vị chủ trì: Sở Y tế.\n\n- Đơn vị phối hợp: Công an tỉnh.\n\n"
		"2. Tuần văn hóa ẩm thực\n\n- Thời gian: Quý I/2026.\n\n"
		"- Đơn vị chủ trì: Sở Tư pháp.\n\n- Đơn Thương, các doanh nghiệp.\n";
	int lost;

	for (lost = 0; lost < 2; lost++) {
		struct fixture f;
		struct doc *d = fixture_text(text);
		const struct task *t;
		size_t i;

		for (i = 0; i < d->blocks.n; i++)
			if (d->blocks.v[i].text && strstr(d->blocks.v[i].text, "Đơn Thương"))
				d->blocks.v[i].lost = d->blocks.v[i].doubt = lost;
		fixture_start(&f, d, true);
		f.x.year = 2026;
		extract_prose(&f.x);
		assert_int_equal(f.plan.tasks.n, 2);
		t = &f.plan.tasks.v[1];
		assert_int_equal(t->coordinate.n, 0);
		assert_int_equal(doubted(t, "coordinate"), lost);
		assert_false(doubted(t, "due"));
		assert_false(doubted(t, "result")); /* the document labels none */
		assert_false(doubted(&f.plan.tasks.v[0], "coordinate"));
		done(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lost_label_doubted),
		cmocka_unit_test(labelled_items),
		cmocka_unit_test(plain_items_and_appendix_pointer),
		cmocka_unit_test(agency_blocks),
		cmocka_unit_test(ocr_labels_and_numbers),
		cmocka_unit_test(inline_assignment),
		cmocka_unit_test(other_parts_hold_no_tasks),
		cmocka_unit_test(numbered_parts_without_roman),
		cmocka_unit_test(item_headed_by_agency),
		cmocka_unit_test(goal_subsections_in_a_task_part),
		cmocka_unit_test(survives_odd_outlines),
		cmocka_unit_test(agency_heading_over_items),
		cmocka_unit_test(lettered_parts),
		cmocka_unit_test(requests_and_verbs),
		cmocka_unit_test(national_collectives),
		cmocka_unit_test(person_in_lead_label),
		cmocka_unit_test(unplaced_text_is_noted),
		cmocka_unit_test(duties_assign_when_content_does_not),
		cmocka_unit_test(unnumbered_agency_heading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
