#!/bin/sh
# valgrind.sh [BIN] - the CLI tests (tests/cli/run.sh) with every claimline process run
# under valgrind memcheck: any memory error, or a definite or indirect leak, in any of them
# fails. Slow (minutes); `make valgrind` runs it after the unit suite.
set -u
BIN=${1:-build/claimline}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v valgrind > /dev/null; then
  echo "skip: valgrind not installed (scripts/setup.sh installs it)"; exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/logs"
cat > "$T/claimline" <<WRAP
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \\
  --error-exitcode=99 --log-file="$T/logs/%p.log" "$BIN" "\$@"
WRAP
chmod +x "$T/claimline"
sh "$HERE/run.sh" "$T/claimline" > "$T/run.txt" 2>&1
rc=$?
runs=$(ls "$T/logs" | wc -l)
bad=0
for f in "$T"/logs/*.log; do
  [ -s "$f" ] || continue
  bad=$((bad + 1))
  echo "== valgrind report $(basename "$f")"; head -40 "$f"
done
grep FAIL "$T/run.txt"
if [ $rc -ne 0 ] || [ $bad -ne 0 ]; then
  echo "valgrind.sh: $bad of $runs processes with findings; cli tests exit $rc"
  exit 1
fi
echo "valgrind.sh: $runs claimline processes under memcheck, no errors, no leaks"
