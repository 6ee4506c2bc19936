#!/usr/bin/env bash
# review-screenshots.sh — makes docs/img/review-list.png and docs/img/review-cleared.png, the
# README's screenshots of report.html after a resubmission.
#
# The page is the second run of batch's TestReviewSurvivesResubmission (run, dispositions
# typed into anomalies.xlsx, one report resubmitted corrected, one new report, run again).
# The first screenshot is the page as it opens; for the second, a copy of the page gets one
# more inline script (allowed by adding its hash to the page's CSP) that clicks a finding's
# 核实 cell of the 已消除 section, as an analyst would, and hides what is above the last
# group of findings, so that the editor is in view (the screenshot is of the top of the
# page). Chromium is run as
# .ci/browser-check runs it (which installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test ./batch -run '^TestReviewSurvivesResubmission$' -count=1 -review-out "$work/out" >/dev/null
.ci/browser-check --install

shot() { # shot PAGE PNG HEIGHT
	local profile
	profile=$(mktemp -d "$work/profile.XXXX")
	timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --window-size="1280,$3" --screenshot="$2" "file://$1" >/dev/null 2>&1
}

shot "$work/out/report.html" docs/img/review-list.png 1500

script='(function(){var d=document;d.querySelector("#cleared td.rv").click();["header.top",".summary",".toc"].forEach(function(s){d.querySelector(s).hidden=true;});Array.prototype.forEach.call(d.querySelectorAll("section.dept"),function(s,i){s.hidden=i<3;});window.scrollTo(0,0);})();'
hash=$(printf '%s' "$script" | openssl dgst -sha256 -binary | base64)
sed -e "s|script-src |script-src \&#39;sha256-$hash\&#39; |" \
	-e "s|</body>|<script>$script</script></body>|" "$work/out/report.html" >"$work/staged.html"
shot "$work/staged.html" docs/img/review-cleared.png 1100
echo "wrote docs/img/review-list.png docs/img/review-cleared.png"
