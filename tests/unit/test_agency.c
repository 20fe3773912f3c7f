/*
 * test_agency.c - the agency registry: abbreviations, list splitting as in the
 * gold files, OCR'd names of seed 001, people's names, supervisors, group
 * labels, unknown bodies and run-time aliases.
 */
#include "unit.h"
#include "extract/agency.h"
#include "model/plan.h"

static struct agency_registry *reg;

static int setup(void **state)
{
	reg = agency_registry_new();
	return 0;
}

static int teardown(void **state)
{
	agency_registry_free(reg);
	return 0;
}

/* Asserts that list l holds exactly the NULL-terminated want, in order. */
static void assert_list(const struct strlist *l, const char *const *want, const char *what,
			const char *input)
{
	size_t n = 0;

	while (want[n])
		n++;
	if (l->n != n) {
		size_t i;

		print_error("%s of \"%s\": got %zu items:\n", what, input, l->n);
		for (i = 0; i < l->n; i++)
			print_error("  [%s]\n", l->v[i]);
		fail();
	}
	for (n = 0; want[n]; n++)
		assert_string_equal(l->v[n], want[n]);
}

struct split_case {
	const char *in;
	unsigned flags;
	const char *bodies[10];
	const char *groups[4];
};

static void run_split_cases(const struct split_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct strlist b = { 0 }, g = { 0 };

		agency_split(reg, c[i].in, c[i].flags, &b, &g, NULL);
		assert_list(&b, c[i].bodies, "bodies", c[i].in);
		assert_list(&g, c[i].groups, "groups", c[i].in);
		strlist_release(&b);
		strlist_release(&g);
	}
}

#define VHTTDL "Sở Văn hóa, Thể thao và Du lịch"
#define UBND_XP "UBND các xã, phường"
#define SBN "Các sở, ban, ngành"
/* An OCR'd unit the registry knows is written in full. */
#define XTDT "Sở Kế hoạch và Đầu tư (Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch)"

static void table_is_sound(void **state)
{
	struct strlist p = { 0 };
	size_t i, n = agency_table_problems(&p);

	for (i = 0; i < p.n; i++)
		print_error("data/agencies.tsv: %s\n", p.v[i]);
	assert_int_equal(n, 0);
	strlist_release(&p);
}

static void abbreviations_expand(void **state)
{
	static const struct {
		const char *in, *want;
	} c[] = {
		{ "Sở VHTTDL", VHTTDL },
		{ "Sở VH TTDL", VHTTDL },
		{ "Sở VH TTL", VHTTDL },
		{ "Sở VH-TT&DL", VHTTDL },
		{ "Sở Văn hoá, Thể thao và Du lịch", VHTTDL },
		{ "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", VHTTDL },
		{ "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai", VHTTDL },
		{ "Sở KH&CN", "Sở Khoa học và Công nghệ" },
		{ "Sở KH & CN", "Sở Khoa học và Công nghệ" },
		{ "Sở NN&MT", "Sở Nông nghiệp và Môi trường" },
		{ "Sở NNMT", "Sở Nông nghiệp và Môi trường" },
		{ "Sở GD&ĐT", "Sở Giáo dục và Đào tạo" },
		{ "Sở KH&ĐT", "Sở Kế hoạch và Đầu tư" },
		{ "Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn" },
		{ "Sở Tài Chính", "Sở Tài chính" },
		{ "Sở Công thương", "Sở Công Thương" },
		{ "Sở xây dựng", "Sở Xây dựng" },
		{ "Bộ Chỉ huy BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" },
		{ "Bộ Chỉ huy BDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" },
		{ "Bộ Chỉ huy quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh" },
		{ "Báo và PTTH tỉnh", "Báo và Phát thanh, Truyền hình tỉnh" },
		{ "Báo và Đài phát thanh truyền hình tỉnh", "Báo và Phát thanh, Truyền hình tỉnh" },
		{ "Báo và Phát thanh Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình tỉnh" },
		{ "Ngân hàng Chính sách XH", "Ngân hàng Chính sách xã hội tỉnh" },
		{ "Ngân hàng Nhà nước Chi nhánh khu vực 4", "Ngân hàng Nhà nước Chi nhánh Khu vực 4" },
		{ "Ngân hàng Nhà nước (NHNN) Chi nhánh Khu vực 4", "Ngân hàng Nhà nước Chi nhánh Khu vực 4" },
		{ "Ban QL Khu kinh tế tỉnh", "Ban Quản lý Khu kinh tế tỉnh" },
		{ "Hiệp hội du lịch tỉnh tỉnh", "Hiệp hội Du lịch tỉnh" },
		{ "Hội Nông dân", "Hội Nông dân tỉnh" },
		{ "Ban Tuyên giáo và Dân vận Tỉnh uỷ", "Ban Tuyên giáo và Dân vận Tỉnh ủy" },
		{ "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh" },
		{ "Uỷ ban nhân dân tỉnh Lào Cai", "UBND tỉnh Lào Cai" },
		{ "Viện Kiểm sát", "Viện Kiểm sát nhân dân tỉnh" },
		{ "Tòa án tỉnh", "Tòa án nhân dân tỉnh" },
		{ "Hải Quan khu vực VII", "Hải quan khu vực VII" },
		{ "UBMTTQ VN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" },
		{ "Hiệp hội Du lịch Lai Châu", "Hiệp hội Du lịch tỉnh" },
		{ "Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư" },
		{ "Bộ VHTTDL", "Bộ Văn hóa, Thể thao và Du lịch" },
		{ "Bộ TN&MT", "Bộ Tài nguyên và Môi trường" },
		{ "Bộ LĐTB&XH", "Bộ Lao động - Thương binh và Xã hội" },
		{ "VPCP", "Văn phòng Chính phủ" },
		{ "Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước Việt Nam" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		const char *got = agency_canonical(reg, c[i].in, 0);

		if (!got || strcmp(got, c[i].want) != 0)
			print_error("\"%s\" -> \"%s\", want \"%s\"\n", c[i].in, got ? got : "(null)", c[i].want);
		assert_str_or_null(got, c[i].want);
	}
	assert_null(agency_canonical(reg, "Hợp tác xã Nông nghiệp Tây Bắc", 0));
	assert_null(agency_canonical(reg, "", 0));
	assert_null(agency_canonical(reg, "các sở, ban, ngành", 0));
}

/* Lists exactly as the gold files (000, 002, 004) resolve them. */
static void splits_like_gold(void **state)
{
	static const struct split_case c[] = {
		{ "Sở VHTTDL, Hội Nông dân, Hội Liên hiệp Phụ nữ tỉnh, UBND các xã, phường", 0,
		  { VHTTDL, "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh" }, { UBND_XP } },
		{ "Sở VHTTDL, Sở Dân tộc và Tôn giáo, các cơ quan truyền thông, UBND các xã, phường", 0,
		  { VHTTDL, "Sở Dân tộc và Tôn giáo" }, { "Các cơ quan truyền thông", UBND_XP } },
		{ "Sở VHTTDL, Sở NN&MT, các tổ chức chính trị - xã hội", 0,
		  { VHTTDL, "Sở Nông nghiệp và Môi trường" }, { "Các tổ chức chính trị - xã hội" } },
		{ "Sở VHTTDL Các cơ quan truyền thông trên địa bàn tỉnh", 0, { VHTTDL },
		  { "Các cơ quan truyền thông" } },
		{ "Các sở, ban, ngành, địa phương, Hiệp hội Du lịch tỉnh", 0, { "Hiệp hội Du lịch tỉnh" },
		  { SBN, UBND_XP } },
		{ "Các tổ chức đoàn thể, các địa phương", 0, { 0 },
		  { "Các tổ chức chính trị - xã hội", UBND_XP } },
		{ "Các sở, ngành, cơ quan, đơn vị, địa phương", 0, { 0 }, { SBN, UBND_XP } },
		{ "Sở VHTTDL, Sở NN&MT, Sở Tư pháp, Ngân hàng Nhà nước Chi nhánh khu vực 4, các sở, ban, ngành, địa phương",
		  0,
		  { VHTTDL, "Sở Nông nghiệp và Môi trường", "Sở Tư pháp",
		    "Ngân hàng Nhà nước Chi nhánh Khu vực 4" },
		  { SBN, UBND_XP } },
		{ "Sở Tài chính, Ngân hàng Chính sách XH, Hiệp hội du lịch tỉnh, các sở, ban, ngành, địa phương", 0,
		  { "Sở Tài chính", "Ngân hàng Chính sách xã hội tỉnh", "Hiệp hội Du lịch tỉnh" },
		  { SBN, UBND_XP } },
		{ "Công an tỉnh, Bộ Chỉ huy BDBP, các sở, ban, ngành, địa phương", 0,
		  { "Công an tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" }, { SBN, UBND_XP } },
		{ "Các sở, ban, ngành, đoàn thể tỉnh, các địa phương", 0, { 0 }, { SBN, UBND_XP } },
		{ "Sở VHTTDL, Sở KH&CN, Sở Tài chính; Các doanh nghiệp viễn thông (VNPT/Viettel)", 0,
		  { VHTTDL, "Sở Khoa học và Công nghệ", "Sở Tài chính" }, { "Doanh nghiệp" } },
		{ "Sở Tài chính, Sở Xây dựng, các sở ngành, địa phương liên quan", 0,
		  { "Sở Tài chính", "Sở Xây dựng" }, { SBN, UBND_XP } },
		{ "Sở Xây dựng, UBND các xã phường", 0, { "Sở Xây dựng" }, { UBND_XP } },
		{ "Sở VHTTDL, UBND các xã: Yên Bình, Thác Bà, Bảo Ái, Yên Thành, Cẩm Nhân, Lục Yên, Tân Lĩnh, Mường Lai",
		  0,
		  { VHTTDL, "UBND xã Yên Bình", "UBND xã Thác Bà", "UBND xã Bảo Ái", "UBND xã Yên Thành",
		    "UBND xã Cẩm Nhân", "UBND xã Lục Yên", "UBND xã Tân Lĩnh", "UBND xã Mường Lai" },
		  { 0 } },
		{ "UBND Phường Lào Cai", 0, { "UBND phường Lào Cai" }, { 0 } },
		{ "Các sở, ngành có liên quan, Hiệp hội du lịch tỉnh, UBND Phường Sa Pa", 0,
		  { "Hiệp hội Du lịch tỉnh", "UBND phường Sa Pa" }, { SBN } },
		{ "Các sở, ngành địa phương có liên quan", 0, { 0 }, { SBN, UBND_XP } },
		{ "UBND Phường Trung Tâm, Nghĩa Lộ, Hiệp hội du lịch tỉnh các địa phương có liên quan,", 0,
		  { "UBND phường Trung Tâm", "UBND phường Nghĩa Lộ", "Hiệp hội Du lịch tỉnh" }, { UBND_XP } },
		{ "UBND Phường Sa Pa, xã Y Tý", 0, { "UBND phường Sa Pa", "UBND xã Y Tý" }, { 0 } },
		{ "UBND xã Yên Bình, Thác Bà", 0, { "UBND xã Yên Bình", "UBND xã Thác Bà" }, { 0 } },
		{ "Sở Tài chính, Sở NN&MT, UBND xã Nghĩa Đô, Lâm Thượng, các sở, ngành có liên quan", 0,
		  { "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "UBND xã Nghĩa Đô", "UBND xã Lâm Thượng" },
		  { SBN } },
		{ "UBND các Phường Sa Pa, Bắc Hà, Y Tý, Mù Cang Chải, Thác Bà, Yên Bình", 0,
		  { "UBND phường Sa Pa", "UBND xã Bắc Hà", "UBND xã Y Tý", "UBND xã Mù Cang Chải",
		    "UBND xã Thác Bà", "UBND xã Yên Bình" },
		  { 0 } },
		{ "UBND các xã, phường: Nghĩa Lộ, Văn Chấn, Tú Lệ, Hạnh Phúc, Trạm Tấu", 0,
		  { "UBND phường Nghĩa Lộ", "UBND xã Văn Chấn", "UBND xã Tú Lệ", "UBND xã Hạnh Phúc",
		    "UBND xã Trạm Tấu" },
		  { 0 } },
		{ "UBND các phường, xã: Sa Pa, Bắc Hà, Y Tý, Thác Bà, Mù Cang Chải", 0,
		  { "UBND phường Sa Pa", "UBND xã Bắc Hà", "UBND xã Y Tý", "UBND xã Thác Bà",
		    "UBND xã Mù Cang Chải" },
		  { 0 } },
		{ "Sở VHTTDL, Sở Tài chính, Sở xây dựng, Sở NN&MT, các sở, ban, ngành có liên quan, các hãng Lữ hành lớn",
		  0, { VHTTDL, "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường" },
		  { SBN, "Doanh nghiệp" } },
		{ "Sở GD&ĐT, các trường đại học đối tác", 0, { "Sở Giáo dục và Đào tạo" }, { "Cơ sở đào tạo" } },
		{ "Sở Nội vụ, Trường Đại học/Cao đẳng, Hiệp hội Du lịch tỉnh", 0,
		  { "Sở Nội vụ", "Hiệp hội Du lịch tỉnh" }, { "Cơ sở đào tạo" } },
		{ "Trung tâm CNTT - Cục Du lịch Quốc gia Việt Nam; Trường Đại học/Cao đẳng; Hiệp hội du lịch tỉnh; UBND các xã, phường",
		  0, { "Cục Du lịch Quốc gia Việt Nam (Trung tâm CNTT)", "Hiệp hội Du lịch tỉnh" },
		  { "Cơ sở đào tạo", UBND_XP } },
		{ "Sở KH&CN, các cơ quan đại diện Việt Nam ở nước ngoài", 0, { "Sở Khoa học và Công nghệ" },
		  { "Cơ quan đại diện ở nước ngoài" } },
		{ "Sở VHTTDL, Các đơn vị truyền thông", 0, { VHTTDL }, { "Các cơ quan truyền thông" } },
		{ "Sở Tài chính, Các sở, ngành, địa phương; Hiệp hội du lịch tỉnh tỉnh", 0,
		  { "Sở Tài chính", "Hiệp hội Du lịch tỉnh" }, { SBN, UBND_XP } },
		{ "Sở Ngoại vụ, UBND phường, xã có liên quan", 0, { "Sở Ngoại vụ" }, { UBND_XP } },
		{ "Sở Ngoại vụ, Sở Tài chính, sở, ngành liên quan", 0, { "Sở Ngoại vụ", "Sở Tài chính" }, { SBN } },
		{ "Sở Ngoại vụ, Bộ Chỉ huy BĐBP", 0, { "Sở Ngoại vụ", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" }, { 0 } },
		{ "Sở KH&CN, Công an tỉnh, UBND các địa phương", 0, { "Sở Khoa học và Công nghệ", "Công an tỉnh" },
		  { UBND_XP } },
		{ "Sở VHTTDL, Ban QL Khu kinh tế tỉnh, các địa phương", 0,
		  { VHTTDL, "Ban Quản lý Khu kinh tế tỉnh" }, { UBND_XP } },
		{ "Đề nghị Ban Tuyên giáo và Dân vận Tỉnh uỷ phối hợp thực hiện", 0,
		  { "Ban Tuyên giáo và Dân vận Tỉnh ủy" }, { 0 } },
		{ "Sở Nội vụ,", 0, { "Sở Nội vụ" }, { 0 } },
		/* 002 */
		{ "Báo và Phát thanh, truyền hình tỉnh; các sở, ban, ngành, cơ quan, đơn vị liên quan; UBND các xã, phường.",
		  0, { "Báo và Phát thanh, Truyền hình tỉnh" }, { SBN, UBND_XP } },
		{ "Sở Ngoại vụ, Sở Tài chính, Sở Công thương và các cơ quan, đơn vị liên quan; UBND các xã, phường.", 0,
		  { "Sở Ngoại vụ", "Sở Tài chính", "Sở Công Thương" }, { SBN, UBND_XP } },
		{ "Sở Văn hóa, Thể thao và Du lịch; Hội Liên hiệp Văn học Nghệ thuật tỉnh.", 0,
		  { VHTTDL, "Hội Liên hiệp Văn học Nghệ thuật tỉnh" }, { 0 } },
		{ "Sở Tài chính; các cơ quan, đơn vị; UBND các xã, phường.", 0, { "Sở Tài chính" }, { SBN, UBND_XP } },
		{ "Sở Văn hóa, Thể thao và Du lịch, Sở Công thương, các cơ quan, đơn vị liên quan; UBND các xã, phường.",
		  0, { VHTTDL, "Sở Công Thương" }, { SBN, UBND_XP } },
		/* 003 */
		{ "Sở Tư pháp chủ trì, phối hợp với các ngành có liên quan, Ủy ban nhân dân các xã, phường", 0,
		  { "Sở Tư pháp" }, { SBN, UBND_XP } },
		{ "Công an tỉnh, Viện Kiểm sát, Tòa án tỉnh:", 0,
		  { "Công an tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh" }, { 0 } },
		{ "Sở Y tế chủ trì, phối hợp các sở, ngành và Ủy ban nhân dân các xã, phường :", 0, { "Sở Y tế" },
		  { SBN, UBND_XP } },
		{ "Ban Quản lý Khu kinh tế tỉnh, Ban Quản lý các khu Công nghiệp chủ trì:", 0,
		  { "Ban Quản lý Khu kinh tế tỉnh", "Ban Quản lý các Khu công nghiệp" }, { 0 } },
		{ "UBND các xã/phường; Hải Quan khu vực VII; Sở Nông nghiệp và Môi trường; Thuế tỉnh", 0,
		  { "Hải quan khu vực VII", "Sở Nông nghiệp và Môi trường", "Thuế tỉnh" }, { UBND_XP } },
		{ "Sở Khoa học và Công nghệ phối hợp với các đơn vị liên quan, Ủy ban nhân dân các xã, phường, các cơ quan truyền thông",
		  0, { "Sở Khoa học và Công nghệ" }, { SBN, UBND_XP, "Các cơ quan truyền thông" } },
		{ "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh:", 0,
		  { "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" }, { 0 } },
		/* 004 */
		{ "Các cơ quan là thành viên Ban Chỉ đạo", 0, { 0 }, { SBN } },
	};

	run_split_cases(c, ARRAY_SIZE(c));
}

/* A unit inside a body keeps its bracket as printed. */
static void unit_in_brackets(void **state)
{
	static const struct split_case c[] = {
		{ "Sở Kế hoạch và Đầu tư (Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch), Hiệp hội Du lịch", 0,
		  { "Sở Kế hoạch và Đầu tư (Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch)",
		    "Hiệp hội Du lịch tỉnh" },
		  { 0 } },
	};

	run_split_cases(c, ARRAY_SIZE(c));
}

/* A dash sets off a unit's parent body or an apposition; a slash joins a
 * body and its counterparts elsewhere. */
static void dashes_and_slashes(void **state)
{
	static const struct split_case c[] = {
		{ "Sở Văn hoá, Thể thao và Du lịch - cơ quan Thường trực của Ban Chỉ đạo", 0, { VHTTDL }, { 0 } },
		{ "Sở Lao động - Thương binh và Xã hội, Sở Y tế", 0,
		  { "Sở Lao động - Thương binh và Xã hội", "Sở Y tế" }, { 0 } },
		{ "Sở Ngoại vụ, Sở VHTTDL/Sở Du lịch các tỉnh TBMR", 0,
		  { "Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch/Sở Du lịch các tỉnh Tây Bắc mở rộng" }, { 0 } },
		{ "Sở Tài chính/Sở Xây dựng", 0, { "Sở Tài chính", "Sở Xây dựng" }, { 0 } },
		/* A ministry's unit whose name holds a spaced dash is one unit; a
		 * body after a dash is still another. */
		{ "Vụ Tổ chức - Biên chế, Văn phòng Bộ", 0,
		  { "Vụ Tổ chức - Biên chế", "Văn phòng Bộ" }, { 0 } },
		{ "Vụ Kế hoạch - Tài chính", 0, { "Vụ Kế hoạch - Tài chính" }, { 0 } },
		{ "Vụ Pháp chế - Sở Tư pháp", 0, { "Sở Tư pháp (Vụ Pháp chế)" }, { 0 } },
	};

	run_split_cases(c, ARRAY_SIZE(c));
}

/* Names after a colon take the head the collective phrase gave them; an
 * unknown name keeps its "và" and lower-case continuations. */
static void colon_lists_and_unknown_joins(void **state)
{
	static const struct split_case c[] = {
		{ "Các Bộ: Tài chính, Kế hoạch và Đầu tư", 0, { "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư" }, { 0 } },
		{ "Cac So: VH-TT&DL, Tai chinh, KH&DT\nNN&PTNT, Cong Thuong;", AGENCY_FUZZY,
		  { VHTTDL, "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Phát triển nông thôn",
		    "Sở Công Thương" },
		  { 0 } },
		{ "UBND các huyện: Bắc Sơn, Bình Gia", 0, { "UBND huyện Bắc Sơn", "UBND huyện Bình Gia" }, { 0 } },
		{ "UBND thành phố Lạng Sơn, Công an tỉnh Lạng Sơn", 0, { "UBND thành phố Lạng Sơn", "Công an tỉnh" },
		  { 0 } },
		{ "Phòng Văn hóa và Thông tin các huyện, thành phố", 0,
		  { "Phòng Văn hóa và Thông tin các huyện, thành phố" }, { 0 } },
		{ "Sở Tài chính, Hợp tác xã ABC và Công ty XYZ", 0,
		  { "Sở Tài chính", "Hợp tác xã ABC", "Công ty XYZ" }, { 0 } },
		{ "các ban, ngành, đoàn thể; các cơ quan chuyên môn, đơn vị trực thuộc", 0, { 0 }, { SBN } },
		{ "các sở, ngành, đoàn thể và UBND các huyện, thị xã, thành phố", 0, { 0 }, { SBN, UBND_XP } },
	};

	run_split_cases(c, ARRAY_SIZE(c));
}

/* Seed 001: a scan without diacritics. */
static void ocr_names(void **state)
{
	static const struct split_case c[] = {
		{ "S& Vin héa, The thao va Du lich.", AGENCY_FUZZY, { VHTTDL }, { 0 } },
		{ "S& Vian hoa, Thé thao va Du lich", AGENCY_FUZZY, { VHTTDL }, { 0 } },
		{ "So Van hoa", AGENCY_FUZZY, { VHTTDL }, { 0 } },
		{ "S Ké hoach va Pau Tu.", AGENCY_FUZZY, { "Sở Kế hoạch và Đầu tư" }, { 0 } },
		{ "S& Cong Thuong.", AGENCY_FUZZY, { "Sở Công Thương" }, { 0 } },
		{ "So Ké hoach va Pau Tu (Trung tam Xdc tién Pau tu,\nThirong mai va Du lich), UBND cac huyén, thanh phd, Hiép hoi Du lich Lai\nChau.",
		  AGENCY_FUZZY,
		  { XTDT,
		    "Hiệp hội Du lịch tỉnh" },
		  { UBND_XP } },
		{ "S¢ K& hoach va Pau Tu (Trung tam X(c tien Pau t,\nThuong mai va Du lich), UBND cac huyén, thanh pho, Hiép hoi Du lich Lai\nChau.",
		  AGENCY_FUZZY,
		  { XTDT,
		    "Hiệp hội Du lịch tỉnh" },
		  { UBND_XP } },
		{ "S& Nong nghiép va Phét trien ndng thdn, S¢ Vin hoa,\nTheé thao va Du lich, UBND cac huyén, thanh pho.",
		  AGENCY_FUZZY, { "Sở Nông nghiệp và Phát triển nông thôn", VHTTDL }, { UBND_XP } },
		{ "S¢ Van hoa, The thao va Du lich, S¢ Ké hoach va Dau\nTu (Trung tam Xuc tien Dau tu, Thuong mai va Du lich).",
		  AGENCY_FUZZY,
		  { VHTTDL, XTDT }, { 0 } },
		{ "Pai Phat thanh va Truyén hinh tinh, B&o Lai Chau.", AGENCY_FUZZY,
		  { "Đài Phát thanh và Truyền hình tỉnh", "Báo Lai Châu" }, { 0 } },
		{ "UBND céc huyén, thanh phé, Hiép hoi Du lich.", AGENCY_FUZZY, { "Hiệp hội Du lịch tỉnh" },
		  { UBND_XP } },
		{ "S& Noi vu, S& Ngoai vu", AGENCY_FUZZY, { "Sở Nội vụ", "Sở Ngoại vụ" }, { 0 } },
	};

	run_split_cases(c, ARRAY_SIZE(c));
	assert_str_or_null(agency_canonical(reg, "S& Vin héa, The thao va Du lich", AGENCY_FUZZY), VHTTDL);
	assert_str_or_null(agency_canonical(reg, "So Van hoa", AGENCY_FUZZY), VHTTDL);
	/* Without AGENCY_FUZZY nothing is guessed. */
	assert_null(agency_canonical(reg, "S& Vin héa, The thao va Du lich", 0));
}

/* Short keys never match another body by edit distance. */
static void fuzzy_is_careful(void **state)
{
	assert_null(agency_canonical(reg, "Sở Nội vụ tx", AGENCY_FUZZY));
	assert_str_or_null(agency_canonical(reg, "Sở Ngoại vụ", AGENCY_FUZZY), "Sở Ngoại vụ");
	assert_str_or_null(agency_canonical(reg, "Sở Nội vụ", AGENCY_FUZZY), "Sở Nội vụ");
	assert_null(agency_canonical(reg, "Sở Y tá", AGENCY_FUZZY));
	assert_null(agency_canonical(reg, "UBND xã Yên Hưng", AGENCY_FUZZY));
	assert_null(agency_canonical(reg, "Bộ Nội vụ xyz", AGENCY_FUZZY));
}

static void groups_and_national(void **state)
{
	assert_str_or_null(agency_group("các sở, ngành liên quan", 0), SBN);
	assert_str_or_null(agency_group("các cơ quan, đơn vị liên quan", 0), SBN);
	assert_str_or_null(agency_group("đoàn thể tỉnh", 0), SBN);
	assert_str_or_null(agency_group("Các sở, ban, ngành", 0), SBN);
	assert_str_or_null(agency_group("UBND các xã, phường", 0), UBND_XP);
	assert_str_or_null(agency_group("các địa phương", 0), UBND_XP);
	assert_str_or_null(agency_group("địa phương", 0), UBND_XP);
	assert_str_or_null(agency_group("UBND các huyện, thành phố", 0), UBND_XP);
	assert_str_or_null(agency_group("các địa phương", AGENCY_NATIONAL), "UBND các tỉnh, thành phố");
	assert_str_or_null(agency_group("UBND các tỉnh, thành phố trực thuộc Trung ương", 0),
			   "UBND các tỉnh, thành phố");
	assert_str_or_null(agency_group("cơ quan báo, đài", 0), "Các cơ quan truyền thông");
	assert_str_or_null(agency_group("các tổ chức đoàn thể", 0), "Các tổ chức chính trị - xã hội");
	assert_str_or_null(agency_group("các hãng lữ hành", 0), "Doanh nghiệp");
	assert_str_or_null(agency_group("viện nghiên cứu", 0), "Cơ sở đào tạo");
	assert_str_or_null(agency_group("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", 0),
			   "Các bộ, cơ quan ngang bộ");
	assert_str_or_null(agency_group("các bộ, ngành trung ương", 0), "Các bộ, cơ quan ngang bộ");
	assert_null(agency_group("Sở Tài chính", 0));
	assert_null(agency_group("", 0));

	{
		static const struct split_case c[] = {
			{ "Bộ KH&ĐT, Bộ VHTTDL, Bộ TN&MT, Văn phòng Chính phủ, Ngân hàng Nhà nước Việt Nam",
			  AGENCY_NATIONAL,
			  { "Bộ Kế hoạch và Đầu tư", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Tài nguyên và Môi trường",
			    "Văn phòng Chính phủ", "Ngân hàng Nhà nước Việt Nam" },
			  { 0 } },
			{ "Bộ Tài chính, các bộ, ngành, các địa phương", AGENCY_NATIONAL, { "Bộ Tài chính" },
			  { "Các bộ, cơ quan ngang bộ", "UBND các tỉnh, thành phố" } },
		};

		run_split_cases(c, ARRAY_SIZE(c));
	}
}

static void unknown_bodies_as_printed(void **state)
{
	struct strlist b = { 0 }, g = { 0 }, u = { 0 };
	size_t n;

	n = agency_split(reg, "Sở Tài chính, Hợp tác xã Nông nghiệp Tây Bắc, các sở, ban, ngành.", 0, &b, &g, &u);
	assert_int_equal(n, 3);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[1], "Hợp tác xã Nông nghiệp Tây Bắc");
	assert_int_equal(u.n, 1);
	assert_string_equal(u.v[0], "Hợp tác xã Nông nghiệp Tây Bắc");
	assert_int_equal(g.n, 1);
	strlist_release(&b);
	strlist_release(&g);
	strlist_release(&u);

	/* First letter kept as printed; no duplicates. */
	n = agency_split(reg, "trung tâm y tế khu vực, Sở VHTTDL, Sở VH TTL", 0, &b, &g, &u);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[0], "trung tâm y tế khu vực");
	assert_string_equal(b.v[1], VHTTDL);
	strlist_release(&b);
	strlist_release(&g);
	strlist_release(&u);

	assert_int_equal(agency_split(reg, "", 0, &b, &g, &u), 0);
	assert_int_equal(agency_split(reg, " ,;: . ", 0, &b, &g, &u), 0);
	assert_int_equal(b.n + g.n + u.n, 0);
}

/* A cell's line break separates bodies, whatever the same words would read
 * as with a space (agency_split_lines). */
static void line_breaks_separate(void **state)
{
	static const char *const fin_agri[] = { "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
						NULL };
	static const char *const police_culture[] = { "Công an tỉnh",
						      "Sở Văn hóa, Thể thao và Du lịch", NULL };
	static const char *const culture[] = { "Sở Văn hóa, Thể thao và Du lịch", NULL };
	static const char *const groups[] = { "Các sở, ban, ngành", "UBND các xã, phường", NULL };
	static const char *const none[] = { NULL };
	struct strlist b = { 0 }, g = { 0 };
	bool doubt = false;

	agency_split_lines(reg, "Sở Tài chính Sở Nông nghiệp và Môi trường",
			   "Sở Tài chính\nSở Nông nghiệp và Môi trường", 0, &b, &g, NULL, &doubt);
	assert_list(&b, fin_agri, "bodies", "fin/agri lines");
	assert_false(doubt);
	strlist_release(&b);
	strlist_release(&g);
	agency_split_lines(reg, "Công an tỉnh Sở Văn hóa, Thể thao và Du lịch",
			   "Công an tỉnh\nSở Văn hóa, Thể thao và Du lịch", 0, &b, &g, NULL, &doubt);
	assert_list(&b, police_culture, "bodies", "police/culture lines");
	assert_false(doubt);
	strlist_release(&b);
	strlist_release(&g);
	agency_split_lines(reg, "Các sở, ban, ngành UBND các xã, phường",
			   "Các sở, ban, ngành\nUBND các xã, phường", 0, &b, &g, NULL, &doubt);
	assert_list(&b, none, "bodies", "group lines");
	assert_list(&g, groups, "groups", "group lines");
	assert_false(doubt);
	strlist_release(&b);
	strlist_release(&g);
	/* A name wrapped by hand: its second line is no body; read whole, doubted. */
	agency_split_lines(reg, "Sở Văn hóa, Thể thao và Du lịch",
			   "Sở Văn hóa, Thể thao\nvà Du lịch", 0, &b, &g, NULL, &doubt);
	assert_list(&b, culture, "bodies", "wrapped name");
	assert_true(doubt);
	strlist_release(&b);
	strlist_release(&g);
	/* No lines: agency_split() of the text. */
	doubt = false;
	agency_split_lines(reg, "Sở Văn hóa, Thể thao và Du lịch", NULL, 0, &b, &g, NULL, &doubt);
	assert_list(&b, culture, "bodies", "one line");
	assert_false(doubt);
	strlist_release(&b);
	strlist_release(&g);
}

static void run_time_aliases(void **state)
{
	struct agency_registry *r = agency_registry_new();
	struct strlist b = { 0 }, g = { 0 };

	assert_int_equal(agency_registry_add_alias(r, "", VHTTDL), -1);
	assert_int_equal(agency_registry_add_alias(r, "Phòng VH huyện cũ", VHTTDL), 0);
	assert_int_equal(agency_registry_add_alias(r, "Trung tâm Du lịch ABC", "Trung tâm Xúc tiến Du lịch mới"), 0);
	assert_int_equal(agency_registry_add_alias(r, "các nhà tài trợ", "Doanh nghiệp"), 0);
	assert_str_or_null(agency_canonical(r, "phòng vh huyện cũ", 0), VHTTDL);
	assert_str_or_null(agency_canonical(r, "Trung tâm Du lịch ABC", 0), "Trung tâm Xúc tiến Du lịch mới");
	assert_null(agency_canonical(reg, "Trung tâm Du lịch ABC", 0));
	agency_split(r, "Trung tâm Du lịch ABC, các nhà tài trợ, Sở Nội vụ", 0, &b, &g, NULL);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[0], "Trung tâm Xúc tiến Du lịch mới");
	assert_string_equal(b.v[1], "Sở Nội vụ");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.v[0], "Doanh nghiệp");
	/* A later alias for the same name wins. */
	assert_int_equal(agency_registry_add_alias(r, "Trung tâm Du lịch ABC", "Sở Du lịch"), 0);
	assert_str_or_null(agency_canonical(r, "Trung tâm Du lịch ABC", 0), "Sở Du lịch");
	/* An alias's canonical name reads as itself, not as the table entry it
	 * resembles: re-resolving stored names must not undo the alias. */
	assert_str_or_null(agency_canonical(reg, "Hiệp hội Du lịch tỉnh Lào Cai", 0),
			   "Hiệp hội Du lịch tỉnh");
	assert_int_equal(agency_registry_add_alias(r, "Hiệp hội Du lịch tỉnh",
						   "Hiệp hội Du lịch tỉnh Lào Cai"), 0);
	assert_str_or_null(agency_canonical(r, "Hiệp hội Du lịch tỉnh Lào Cai", 0),
			   "Hiệp hội Du lịch tỉnh Lào Cai");
	strlist_release(&b);
	strlist_release(&g);
	agency_registry_free(r);
}

static void person_names(void **state)
{
	static const struct {
		const char *in, *want;
	} c[] = {
		{ "Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh", "Nguyễn Thành Sinh" },
		{ "Phó Chủ tịch UBND tỉnh Phan Trung Bá", "Phan Trung Bá" },
		{ "Phó Chủ tịch UBND tỉnh, Vũ Thị Hiền Hạnh", "Vũ Thị Hiền Hạnh" },
		{ "Đồng chí Nguyễn Tuấn Anh - Chủ tịch UBND tỉnh", "Nguyễn Tuấn Anh" },
		{ "Đông chí Nguyễn Tuấn Anh - Chủ tịch UBND tỉnh", "Nguyễn Tuấn Anh" },
		{ "Đồng chí Nguyễn Thế Phước - Phó Chủ tịch Thường trực UBND tỉnh", "Nguyễn Thế Phước" },
		{ "Chủ tịch UBND tỉnh Nguyễn Tuấn Anh", "Nguyễn Tuấn Anh" },
		{ "Nguyễn Thành Sinh", "Nguyễn Thành Sinh" },
		{ "Đồng chí Giàng A Tông", "Giàng A Tông" },
		{ "Phó Chủ tịch UBND tỉnh Lò Văn Mừng", "Lò Văn Mừng" },
		{ "Nguyen Thanh Sinh - Pho Chu tich UBND tinh", "Nguyen Thanh Sinh" },
		{ "Ông Nguyễn Văn Long", "Nguyễn Văn Long" },
		{ "Bà Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh", "Hoàng Thị Mai" },
		{ "PCT UBND tỉnh Nguyễn Văn An", "Nguyễn Văn An" },
		{ "UBND xã Thác Bà, Yên Bình", NULL },
		{ "Chủ tịch UBND tỉnh Hà Giang", NULL },
		{ "Chủ tịch UBND xã Lâm Thượng", NULL },
		{ "Chủ tịch UBND xã Bắc Hà", NULL },
		{ "Chủ tịch UBND xã Lục Yên, Mai Sơn", NULL },
		{ "UBND các Phường Sa Pa, Bắc Hà, Y Tý", NULL },
		{ "UBND các xã: Lục Yên, Cẩm Nhân", NULL },
		{ "Giám đốc Sở VHTTDL", NULL },
		{ "Trường Đại học/Cao đẳng", NULL },
		{ "Quý II/2026", NULL },
		{ "", NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *got = person_name(c[i].in);

		if (!got != !c[i].want || (got && strcmp(got, c[i].want) != 0))
			print_error("\"%s\" -> \"%s\"\n", c[i].in, got ? got : "(null)");
		assert_str_or_null(got, c[i].want);
		free(got);
	}
}

static void supervisors(void **state)
{
	static const struct {
		const char *in, *want;
		bool looks;
	} c[] = {
		{ "Giám đốc Sở VHTTDL", "Giám đốc " VHTTDL, true },
		{ "Giám đốc, Sở VHTTDL", "Giám đốc " VHTTDL, true },
		{ "Giám đốc Sở VH TTL", "Giám đốc " VHTTDL, true },
		{ "Giám đốc Sở Tài Chính", "Giám đốc Sở Tài chính", true },
		{ "Giám đốc Sở KH&CN", "Giám đốc Sở Khoa học và Công nghệ", true },
		{ "Chánh Thanh tra tỉnh", "Chánh Thanh tra tỉnh", true },
		{ "Trưởng Thống kê tỉnh", "Trưởng Thống kê tỉnh", true },
		{ "Trưởng Thuế tỉnh", "Trưởng Thuế tỉnh", true },
		{ "Chủ tịch UBND xã Bắc Hà", "Chủ tịch UBND xã Bắc Hà", true },
		{ "Chủ tịch UBND Phường Lào Cai", "Chủ tịch UBND phường Lào Cai", true },
		{ "Chủ tịch UBND xã Yên Bình, Thác Bà", "Chủ tịch UBND xã Yên Bình, Thác Bà", true },
		{ "Chủ tịch Phường Sa Pa, Bắc Hà, Y Tý, Mù Cang Chải, Thác Bà, Yên Bình",
		  "Chủ tịch UBND phường Sa Pa, Bắc Hà, Y Tý, Mù Cang Chải, Thác Bà, Yên Bình", true },
		{ "Chủ tịch các xã, phường: Nghĩa Lộ, Văn Chấn, Tú Lệ, Hạnh Phúc, Trạm Tấu",
		  "Chủ tịch UBND các xã, phường: Nghĩa Lộ, Văn Chấn, Tú Lệ, Hạnh Phúc, Trạm Tấu", true },
		{ "Tổng biên tập Báo và Đài phát thanh truyền hình tỉnh",
		  "Tổng biên tập Báo và Phát thanh, Truyền hình tỉnh", true },
		{ "Tổng biên tập Báo và Phát thanh Truyền hình tỉnh",
		  "Tổng biên tập Báo và Phát thanh, Truyền hình tỉnh", true },
		{ "Giám đốc Báo và PTTH tỉnh", "Giám đốc Báo và Phát thanh, Truyền hình tỉnh", true },
		{ "Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh", NULL, false },
		{ "Trường Đại học/Cao đẳng; Hiệp hội du lịch tỉnh", NULL, false },
		{ "Sở Tài chính, Sở Xây dựng, các sở, ngành, địa phương", NULL, false },
		{ "Quý III/2026", NULL, false },
		{ "Tổ chức 01 Hội nghị phổ biến Đề án cấp tỉnh", NULL, false },
		{ "Lãnh đạo các cấp quan tâm chỉ đạo thực hiện tốt các nhiệm vụ được giao trong năm", NULL, false },
		{ "Giám đốc Trung tâm Văn hóa tỉnh", "Giám đốc Trung tâm Văn hóa tỉnh", true },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		if (supervisor_looks_like(c[i].in) != c[i].looks)
			print_error("looks_like(\"%s\") != %d\n", c[i].in, c[i].looks);
		assert_int_equal(supervisor_looks_like(c[i].in), c[i].looks);
		if (c[i].want) {
			char *got = supervisor_canonical(reg, c[i].in, 0);

			assert_str_or_null(got, c[i].want);
			free(got);
		}
	}
	{
		char *got = supervisor_canonical(reg, "", 0);

		assert_null(got);
		got = supervisor_canonical(reg, "Giam doc So Van hoa, The thao va Du lich", AGENCY_FUZZY);
		assert_str_or_null(got, "Giám đốc " VHTTDL);
		free(got);
	}
}

static void looks_like_lists(void **state)
{
	static const struct {
		const char *in;
		bool want;
	} c[] = {
		{ "Sở Tài chính, Sở Xây dựng, các sở, ngành, địa phương", true },
		{ "Các sở, ngành địa phương có liên quan, UBND Phường Sa Pa", true },
		{ "UBND xã Yên Bình, Thác Bà", true },
		{ "Sở VHTTDL", true },
		{ "Các sở, ban, ngành", true },
		{ "Quý II/2026 ( vào dịp 30/4)", false },
		{ "Thường xuyên Năm 2026", false },
		{ "Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh", false },
		{ "Giám đốc Sở VHTTDL", false },
		{ "Chủ tịch UBND xã Bắc Hà", false },
		{ "Tổ chức 01 Hội nghị phổ biến Đề án cấp tỉnh", false },
		{ "Tham mưu cho UBND tỉnh xây dựng kế hoạch tổ chức điều tra tài nguyên du lịch trên địa bàn tỉnh Lào Cai",
		  false },
		{ "Hoàn thành Quy hoạch chi tiết Vùng Tây Bắc, tập trung vào du lịch cao cấp, nghỉ dưỡng, mạo hiểm (Sa Pa, Y Tý).",
		  false },
		{ "", false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		if (agency_looks_like(reg, c[i].in, 0) != c[i].want)
			print_error("agency_looks_like(\"%s\") != %d\n", c[i].in, c[i].want);
		assert_int_equal(agency_looks_like(reg, c[i].in, 0), c[i].want);
	}
}

/* Long and hostile input stays bounded and safe. */
static void survives_garbage(void **state)
{
	struct sb big = SB_INIT;
	struct strlist b = { 0 }, g = { 0 }, u = { 0 };
	size_t i;
	char *p;

	for (i = 0; i < 5000; i++)
		sb_adds(&big, i % 3 ? "Sở VHTTDL, ((" : "UBND các xã: Bắc Hà, \xFF\xFE, ");
	agency_split(reg, big.buf, AGENCY_FUZZY, &b, &g, &u);
	assert_true(b.n > 0);
	p = person_name(big.buf);
	free(p);
	p = supervisor_canonical(reg, big.buf, AGENCY_FUZZY);
	assert_non_null(p);
	free(p);
	(void)agency_looks_like(reg, big.buf, AGENCY_FUZZY);
	strlist_release(&b);
	strlist_release(&g);
	strlist_release(&u);
	sb_release(&big);
	assert_null(person_name(NULL));
	assert_null(agency_canonical(reg, NULL, 0));
	assert_null(agency_group(NULL, 0));
}

/* A home province: "UBND tỉnh" is its committee (via the extraction's
 * post-pass), another province's department stays as printed. */
static void home_province(void **state)
{
	struct agency_registry *r = agency_registry_new();
	char *u;

	(void)state;
	assert_null(agency_registry_home(r));
	assert_int_equal(agency_registry_set_home(r, "Nowhere"), -1);
	assert_int_equal(agency_registry_set_home(r, "tỉnh Hà Tĩnh"), 0);
	assert_string_equal(agency_registry_home(r), "Hà Tĩnh");
	assert_string_equal(agency_canonical(r, "Sở Tài chính tỉnh Hà Tĩnh", 0), "Sở Tài chính");
	assert_null(agency_canonical(r, "Sở Tài chính tỉnh Nghệ An", 0));
	assert_string_equal(agency_canonical(r, "Công an tỉnh", 0), "Công an tỉnh");
	u = agency_province_ubnd(agency_registry_home(r));
	assert_string_equal(u, "UBND tỉnh Hà Tĩnh");
	free(u);
	u = agency_province_ubnd("Thành phố Huế");
	assert_string_equal(u, "UBND thành phố Huế");
	free(u);
	assert_string_equal(agency_province("UBND tỉnh Quảng Trị"), "Quảng Trị");
	assert_null(agency_province("Chính phủ"));
	assert_int_equal(agency_registry_set_home(r, NULL), 0);
	assert_null(agency_registry_home(r));
	agency_registry_free(r);
}

/* The 2025 reorganisation: what merged bodies and provinces became. */
static void successors(void **state)
{
	(void)state;
	assert_string_equal(agency_successor("Bộ Kế hoạch và Đầu tư"), "Bộ Tài chính");
	assert_string_equal(agency_successor("Bộ Thông tin và Truyền thông"), "Bộ Khoa học và Công nghệ");
	assert_string_equal(agency_successor("Yên Bái"), "Lào Cai");
	assert_string_equal(agency_successor("tỉnh Quảng Bình"), "Quảng Trị");
	assert_string_equal(agency_successor("Bình Dương"), "Thành phố Hồ Chí Minh");
	assert_null(agency_successor("Bộ Tài chính"));
	assert_null(agency_successor("Hà Tĩnh"));
}

/* A commune's own bodies keep their level. */
static void commune_bodies(void **state)
{
	struct agency_registry *r = agency_registry_new();

	(void)state;
	assert_string_equal(agency_canonical(r, "Công an xã", 0), "Công an xã");
	assert_string_equal(agency_canonical(r, "Công an phường", 0), "Công an phường");
	assert_string_equal(agency_canonical(r, "Phòng Văn hóa - Xã hội", 0), "Phòng Văn hóa - Xã hội");
	assert_string_equal(agency_canonical(r, "Văn phòng UBND xã", 0), "Văn phòng HĐND và UBND xã");
	/* A commune's mass organisations are its own, not the province's. */
	assert_string_equal(agency_canonical(r, "Hội Nông dân xã", 0), "Hội Nông dân xã");
	assert_string_equal(agency_canonical(r, "Đoàn Thanh niên phường", 0), "Đoàn Thanh niên phường");
	assert_string_equal(agency_canonical(r, "Hội Nông dân", 0), "Hội Nông dân tỉnh");
	assert_int_equal(agency_title_len("Đồng chí Thứ trưởng phụ trách du lịch"),
			 strlen("Đồng chí Thứ trưởng"));
	assert_int_equal(agency_title_len("Sở Tài chính"), 0);
	agency_registry_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_sound),
		cmocka_unit_test(home_province),
		cmocka_unit_test(successors),
		cmocka_unit_test(commune_bodies),
		cmocka_unit_test(abbreviations_expand),
		cmocka_unit_test(splits_like_gold),
		cmocka_unit_test(unit_in_brackets),
		cmocka_unit_test(dashes_and_slashes),
		cmocka_unit_test(colon_lists_and_unknown_joins),
		cmocka_unit_test(ocr_names),
		cmocka_unit_test(fuzzy_is_careful),
		cmocka_unit_test(groups_and_national),
		cmocka_unit_test(unknown_bodies_as_printed),
		cmocka_unit_test(line_breaks_separate),
		cmocka_unit_test(run_time_aliases),
		cmocka_unit_test(person_names),
		cmocka_unit_test(supervisors),
		cmocka_unit_test(looks_like_lists),
		cmocka_unit_test(survives_garbage),
	};

	return cmocka_run_group_tests_name("agency", tests, setup, teardown);
}
