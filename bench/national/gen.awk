# gen.awk - a national-scale tracked world as CSV files, for COPY (PostgreSQL)
# and .import (SQLite). bench/national.sh runs it; bench code may write SQL
# and rows directly, the product never does.
#
#   awk -v tasks=N -v reports_per_task=R -v dir=DIR -f gen.awk
#
# 64 issuers: 34 provinces (issuer i: "UBND tỉnh P<i>", bodies "Sở <D> tỉnh
# P<i>") and 30 ministries ("Bộ B<i>", bodies "Vụ <D> Bộ B<i>"), 20 bodies
# each. Plans of 200 tasks, issued in turn; each task led by one body of its
# issuer and coordinated by another; R progress reports a task, filed by its
# lead (the last one of some tasks says done). name_key is vi_fold's key,
# written out by hand: the names use only the words folded below.
function fold(s) { return fk[s] }
BEGIN {
	nd = split("Tài chính|Kế hoạch và Đầu tư|Nội vụ|Tư pháp|Công Thương|Xây dựng|" \
		"Giao thông vận tải|Nông nghiệp và Phát triển nông thôn|Tài nguyên và Môi trường|" \
		"Thông tin và Truyền thông|Lao động Thương binh và Xã hội|Văn hóa Thể thao và Du lịch|" \
		"Khoa học và Công nghệ|Giáo dục và Đào tạo|Y tế|Ngoại vụ|Thanh tra|Dân tộc|Du lịch|Quy hoạch", D, "|")
	nk = split("tai chinh|ke hoach va dau tu|noi vu|tu phap|cong thuong|xay dung|" \
		"giao thong van tai|nong nghiep va phat trien nong thon|tai nguyen va moi truong|" \
		"thong tin va truyen thong|lao dong thuong binh va xa hoi|van hoa the thao va du lich|" \
		"khoa hoc va cong nghe|giao duc va dao tao|y te|ngoai vu|thanh tra|dan toc|du lich|quy hoach", K, "|")
	if (nd != 20 || nk != 20) { print "gen.awk: 20 bodies" > "/dev/stderr"; exit 1 }
	split("not_started in_progress in_progress in_progress done", ST, " ")
	per_plan = 200
	plans = int((tasks + per_plan - 1) / per_plan)
	f_doc = dir "/documents.csv"; f_plan = dir "/plans.csv"; f_task = dir "/tasks.csv"
	f_ag = dir "/task_agencies.csv"; f_rep = dir "/progress_reports.csv"
	print "id,source,sha256,reader,imported_at" > f_doc
	print "id,document_id,status,version,number,kind,issuer,place,date,year,title,created_at" > f_plan
	print "id,plan_id,seq,ref,section,text,leader,leader_key,supervisor,has_due,due_text,due_start,due_end,due_recurring,result,doubt,source_line" > f_task
	print "task_id,role,seq,name,name_key" > f_ag
	print "id,task_id,agency,role,period,state,completion_date,note,value,replaces_id,reported_at,actor,filed_on" > f_rep
	t = 0; r = 0
	for (p = 1; p <= plans; p++) {
		iss = (p - 1) % 64
		if (iss < 34) {
			who = sprintf("P%02d", iss + 1); issuer = "UBND tỉnh " who
			pre = "Sở "; prek = "so "; post = " tỉnh " who; postk = " tinh " tolower(who)
		} else {
			who = sprintf("B%02d", iss - 33); issuer = "Bộ " who
			pre = "Vụ "; prek = "vu "; post = " Bộ " who; postk = " bo " tolower(who)
		}
		printf "%d,bench/plan-%d.txt,%064x,text,2026-01-02T08:00:00Z\n", p, p, p > f_doc
		printf "%d,%d,published,1,%d/KH-%s,Kế hoạch,%s,,2026-01-05,2026,Kế hoạch %d năm 2026 của %s,2026-01-02T08:00:00Z\n", \
			p, p, p, who, issuer, p, issuer > f_plan
		for (s = 1; s <= per_plan && t < tasks; s++) {
			t++
			m = (t % 12) + 1
			lead = (t % 20) + 1; co = ((t + 7) % 20) + 1
			printf "%d,%d,%d,%d,I,Nhiệm vụ %d của kế hoạch %d: triển khai nội dung số %d,Phó Chủ tịch %s,pho chu tich %s,,1,Tháng %d/2026,2026-01-01,2026-%02d-28,0,,,%d\n", \
				t, p, s, s, s, p, t, who, tolower(who), m, m, s + 10 > f_task
			printf "%d,lead,0,%s%s%s,%s%s%s\n", t, pre, D[lead], post, prek, K[lead], postk > f_ag
			printf "%d,coordinate,0,%s%s%s,%s%s%s\n", t, pre, D[co], post, prek, K[co], postk > f_ag
			for (k = 1; k <= reports_per_task; k++) {
				r++
				st = ST[(k == reports_per_task && t % 3 == 0) ? 5 : (k < 2 ? 2 : 3)]
				day = k * 2 + 1
				printf "%d,%d,%s%s%s,lead,2026-%02d,%s,%s,Báo cáo %d,,,2026-%02d-%02dT09:00:00Z,bench,2026-%02d-%02d\n", \
					r, t, pre, D[lead], post, (k % 6) + 1, st, st == "done" ? sprintf("2026-06-%02d", day) : "", \
					k, (k % 6) + 1, day, (k % 6) + 1, day > f_rep
			}
		}
	}
	printf "%d plans, %d tasks, %d reports\n", plans, t, r
}
