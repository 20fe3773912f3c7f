# track.sh - tracking on the real binary with a fixed clock: seed 000
# imported, reviewed and published; a scripted year of reports (on time,
# late, never, corrected, refused, ongoing, a deadline moved by amendment);
# status buckets and rates by plan, agency and leader; completeness; period
# boundaries on the 14th and 15th; indicators above, near and below target;
# reminders caught by a real SMTP receiver on 127.0.0.1 and never sent twice.
# The scenario itself is tests/data/track/scenario.py (it derives every
# expected figure from the exported plan, so extraction changes do not break
# it); this script sets the stage and stops the receiver.
. "$(dirname "$0")/../lib.sh"

DATA=$ROOT/tests/data/track
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
export DONDOC_NOW=2026-01-01T08:00:00Z
unset DONDOC_TODAY DONDOC_SMTP_URL DONDOC_MAIL_FROM DONDOC_OUTBOX DONDOC_ESCALATE_DAYS \
	DONDOC_EVIDENCE DONDOC_USER DONDOC_DUE_SOON_DAYS
# (lib.sh keeps evidence/ and outbox/ in $T on PostgreSQL, as beside a file.)
sqlite_only || export DONDOC_OUTBOX="$T/outbox"

check "help lists the tracking commands" sh -c \
	"'$BIN' help | grep -q publish && '$BIN' help | grep -q completeness && '$BIN' help | grep -q remind"
check "help report shows --evidence" sh -c "'$BIN' help report | grep -q -- '--evidence'"
fails "edit with a bad field exits 2" "not a task field" \
	"$BIN" --db "$DB" edit 1 --field colour --value x --reason y
fails "publish of a missing plan" "no plan with id 7" "$BIN" --db "$DB" publish 7
fails "completeness needs --period" "usage" "$BIN" --db "$DB" completeness

if [ -z "$SEED" ]; then
	notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
	exit 1
fi
if ! $PY -c 'import aiosmtpd' 2>/dev/null; then
	notok "python3-aiosmtpd is installed (scripts/deps)"
	exit 1
fi

# A real SMTP receiver on a free port of 127.0.0.1, bounded in time (it
# exits by itself after 300 s) and stopped at the end.
$PY "$DATA/smtpd.py" "$T/smtp.port" "$T/smtp" 300 >"$T/smtpd.log" 2>&1 &
SMTPD=$!
trap 'kill "$SMTPD" 2>/dev/null; wait "$SMTPD" 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/smtp.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$T/smtp.port" ]; then ok "SMTP receiver listens on 127.0.0.1"; else
	notok "SMTP receiver listens on 127.0.0.1" "$(cat "$T/smtpd.log")"
	exit 1
fi

$PY "$DATA/scenario.py" "$BIN" "$DB" "$SEED" "$DATA/indicators.txt" "$T" "$T/smtp.port" "$T/smtp"
rc=$?
kill "$SMTPD" 2>/dev/null
wait "$SMTPD" 2>/dev/null
exit $rc
