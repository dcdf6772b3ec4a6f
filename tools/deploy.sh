#!/usr/bin/env bash
# Put a built site on the agency's web server, switching to it in one step (docs/deploy.md).
#
# Usage: tools/deploy.sh [--name NAME] [--keep N] [--reload CMD] SITE TARGET
#        tools/deploy.sh --rollback [--reload CMD] TARGET
#        tools/deploy.sh --preview NAME [--expires DAYS] SITE TARGET
#        tools/deploy.sh --prune TARGET
#   SITE    the build's output folder (site-builder build --out SITE); the web server's
#           configuration the build wrote beside it (SITE.server/) goes with it.
#   TARGET  a folder on this machine (/srv/thidua) or on a server over ssh (deploy@host:/srv/thidua).
#   --name  the release's name (default: UTC time and the commit, 20261125T020500Z-df7e460).
#   --keep  how many earlier releases to keep besides the current one (default 3, at least 1),
#           for rollback.
#   --reload  a command run on the target after the switch, e.g. "sudo systemctl reload nginx"
#           (nginx reads the 301/410 lists only when it reloads; the pages change at once).
#   --rollback  point `current` back to the release before it.
#   --preview NAME  put a preview build (site-builder build --preview NAME) in TARGET/previews/NAME/,
#           served at <site>/xem-truoc/NAME/ through the link every release has; it expires after
#           --expires DAYS (default 14, written beside it as previews/.NAME.expires). Expired
#           previews are deleted on the way. The public release is not touched.
#   --prune  delete the expired previews only.
#
# On TARGET:  releases/<name>/site/, releases/<name>/server/nginx.conf, and `current`, a symlink
# to the release served. rsync copies the new release into a folder of its own (files the
# previous release has unchanged become hard links to them, so a deploy copies only what
# changed), with the hashed CSS and JS of the releases still there, so that a page loaded before
# the switch still loads them; then `current` is replaced by a rename, so a reader gets the old
# site or the new one, never half of each. nginx's root is TARGET/current/site. TARGET may be an
# empty folder or not exist yet: the first deploy says so.
set -euo pipefail

die() { echo "tools/deploy.sh: $*" >&2; exit 2; }

name="" keep=3 reload="" rollback="" preview="" expires=14 prune=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --reload) reload=$2; shift 2 ;;
    --rollback) rollback=1; shift ;;
    --preview) preview=$2; shift 2 ;;
    --expires) expires=$2; shift 2 ;;
    --prune) prune=1; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    -*) die "không hiểu tham số '$1'" ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "--keep cần một số từ 1 trở lên (bản trước để quay lại), không phải '$keep'"

[[ "$expires" =~ ^[1-9][0-9]*$ ]] || die "--expires cần số ngày từ 1 trở lên, không phải '$expires'"
if [ -n "$preview" ] && ! [[ "$preview" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]]; then
  die "tên bản xem trước '$preview' chỉ được có chữ thường không dấu, số và gạch ngang; ví dụ pr-12"
fi
[ $(( ${rollback:-0} + ${prune:-0} + ${preview:+1} + 0 )) -le 1 ] \
  || die "chỉ dùng một trong --rollback, --preview, --prune mỗi lần"

if [ -n "$rollback" ] || [ -n "$prune" ]; then
  [ ${#args[@]} -eq 1 ] || die "cách dùng: tools/deploy.sh --rollback [--reload LỆNH] ĐÍCH, hoặc tools/deploy.sh --prune ĐÍCH"
  target=${args[0]}
elif [ -n "$preview" ]; then
  [ ${#args[@]} -eq 2 ] || die "cách dùng: tools/deploy.sh --preview TÊN [--expires NGÀY] THƯ-MỤC-TRANG ĐÍCH"
  site=${args[0]%/} target=${args[1]}
  [ -f "$site/index.html" ] || die "không thấy trang đã dựng ở $site (chạy site-builder build --preview $preview --out $site trước)"
  built_as=$(sed -n 's/^PREVIEW_NAME=//p' "$site.server/preview.env" 2>/dev/null || true)
  [ -n "$built_as" ] || die "$site không phải bản xem trước (dựng bằng site-builder build --preview $preview)"
  [ "$built_as" = "$preview" ] || die "$site được dựng cho bản xem trước '$built_as', không phải '$preview' (địa chỉ trong trang sẽ sai)"
else
  [ ${#args[@]} -eq 2 ] || die "cách dùng: tools/deploy.sh [--name TÊN] [--keep N] [--reload LỆNH] THƯ-MỤC-TRANG ĐÍCH"
  site=${args[0]%/} target=${args[1]}
  [ -f "$site/index.html" ] || die "không thấy trang đã dựng ở $site (chạy site-builder build --out $site trước)"
  [ -f "$site.server/nginx.conf" ] || die "không thấy cấu hình máy chủ web $site.server/nginx.conf bên cạnh trang (dựng lại bằng phiên bản mới của site-builder)"
  [ ! -f "$site.server/preview.env" ] || die "$site là bản xem trước, không đưa lên làm trang công khai (dùng --preview $(sed -n 's/^PREVIEW_NAME=//p' "$site.server/preview.env"))"
fi

# user@host:/path (or host:/path) goes over ssh; anything else is a folder here.
host="" path=$target
if [[ "$target" =~ ^([^/:]+):(.+)$ ]]; then
  host=${BASH_REMATCH[1]} path=${BASH_REMATCH[2]}
fi
path=${path%/}
[ -n "$path" ] || die "đường dẫn đích trống"

# Runs a shell script on the target, with the target folder as $1.
on_target() {
  if [ -n "$host" ]; then
    ssh -o BatchMode=yes "$host" bash -s -- "$(printf '%q' "$path")" <<<"$1"
  else
    bash -s -- "$path" <<<"$1"
  fi
}

# Replace `current` with a link to releases/$2 by a rename (atomic on one file system).
switch_script='
set -euo pipefail
cd "$1"
[ -d "releases/$2/site" ] || { echo "tools/deploy.sh: không có bản releases/$2" >&2; exit 2; }
ln -sfn "releases/$2" ".current.tmp-$$"
mv -T ".current.tmp-$$" current
'

# The release current points to, and the releases in order (names sort by time).
list_script='
set -euo pipefail
cd "$1" 2>/dev/null || exit 0
current=$(readlink current 2>/dev/null | sed "s#^releases/##" || true)
echo "current=$current"
if [ -n "$current" ] && [ -f "releases/$current/replaced" ]; then echo "replaced=$(cat "releases/$current/replaced")"; fi
# An empty folder (mkdir -p /srv/thidua, as the guide says) has no releases/ yet: under pipefail a
# failing ls would end this script with nothing said.
if [ -d releases ]; then ls -1 releases | sort; fi
'

# Delete the previews whose expiry has passed (and copies a killed deploy left), saying which.
prune_previews_script='
set -euo pipefail
[ -d "$1/previews" ] || exit 0
cd "$1/previews"
now=$(date -u +%s)
for file in .*.expires; do
  [ -f "$file" ] || continue
  name=${file#.}; name=${name%.expires}
  until=$(head -n 1 "$file")
  if [[ "$until" =~ ^[0-9]+$ ]] && [ "$until" -le "$now" ]; then
    rm -rf -- "$name" "$file"
    echo "Đã xóa bản xem trước hết hạn previews/$name (hạn $(date -u -d "@$until" +%Y-%m-%dT%H:%MZ))"
  fi
done
find . -mindepth 1 -maxdepth 1 -name ".*.old-*" -exec rm -rf -- {} +
find . -mindepth 1 -maxdepth 1 -name ".*.new-*" -mmin +1440 -exec rm -rf -- {} +
'

if [ -n "$prune" ]; then
  on_target "$prune_previews_script"
  exit 0
fi

if [ -n "$preview" ]; then
  remote=${host:+$host:}
  on_target "mkdir -p \"\$1/previews\""
  staged=".$preview.new-$$"
  link=()
  # Files the preview before had unchanged become hard links to them (as releases do).
  on_target "[ -d \"\$1/previews/\"$(printf '%q' "$preview") ]" && link=(--link-dest "../$preview")
  rsync -a --delete "${link[@]}" "$site/" "$remote$path/previews/$staged/" \
    || die "không chép được $site vào $target/previews (bản xem trước chưa thay đổi)"
  until=$(( $(date -u +%s) + expires * 86400 ))
  until_text=$(date -u -d "@$until" +%Y-%m-%dT%H:%MZ)
  # The new copy replaces the old by two renames: a reader of the preview sees one or the other.
  swap_preview_script='
set -euo pipefail
cd "$1/previews"
name=$2 staged=$3
# The expiry in seconds since 1970 (what --prune compares), then as people read it.
printf "%s\n%s\n" "$4" "$5" > ".$name.expires"
if [ -e "$name" ]; then mv -T -- "$name" ".$name.old-$$"; fi
mv -T -- "$staged" "$name"
rm -rf -- ".$name.old-$$"
'
  on_target "set -- \"\$1\" $(printf '%q ' "$preview" "$staged" "$until" "$until_text")"$'\n'"$swap_preview_script"
  url=$(sed -n 's/^PREVIEW_URL=//p' "$site.server/preview.env")
  echo "Đã đưa bản xem trước $preview lên $target/previews/$preview (hết hạn $until_text): $url"
  on_target "$prune_previews_script"
  exit 0
fi

state=$(on_target "$list_script")
current=$(sed -n 's/^current=//p' <<<"$state")
replaced=$(sed -n 's/^replaced=//p' <<<"$state")
mapfile -t releases < <(sed '/^current=/d; /^replaced=/d' <<<"$state")

if [ -n "$rollback" ]; then
  [ -n "$current" ] || die "chưa có bản nào được triển khai ở $target"
  # The release the current one replaced, if still there; else the one before it by name.
  previous=""
  for release in "${releases[@]}"; do
    [ "$release" = "$replaced" ] && previous=$release && break
  done
  if [ -z "$previous" ]; then
    for release in "${releases[@]}"; do
      [ "$release" = "$current" ] && break
      previous=$release
    done
  fi
  [ -n "$previous" ] || die "không có bản nào trước $current để quay lại"
  on_target "set -- \"\$1\" $(printf '%q' "$previous")"$'\n'"$switch_script"
  echo "Đã quay lại: current -> releases/$previous (trước đó: releases/$current)"
else
  if [ -z "$name" ]; then
    name=$(date -u +%Y%m%dT%H%M%SZ)
    commit=$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || true)
    [ -n "$commit" ] && name="$name-$commit"
    # Two deploys in the same second (a script, a test): the second is "<name>-2", sorted after it.
    base=$name n=1
    while [ ${#releases[@]} -gt 0 ] && printf '%s\n' "${releases[@]}" | grep -qxF -- "$name"; do
      n=$((n + 1)) name="$base-$n"
    done
  fi
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "tên bản '$name' chỉ được có chữ, số, dấu chấm, gạch ngang, gạch dưới"
  for release in "${releases[@]}"; do
    [ "$release" = "$name" ] && die "đã có bản releases/$name ở $target; chọn tên khác (--name)"
  done
  on_target "mkdir -p \"\$1/releases/\"$(printf '%q' "$name")"
  dest="$path/releases/$name"
  remote=${host:+$host:}
  link=()
  [ -n "$current" ] && link=(--link-dest "$path/releases/$current/site")
  # Into a folder nobody serves yet: a reader sees none of it until the switch.
  rsync -a --delete "${link[@]}" "$site/" "$remote$dest/site/" \
    || die "không chép được $site vào $target/releases/$name (bản này chưa được dùng)"
  rsync -a --delete "$site.server/" "$remote$dest/server/" \
    || die "không chép được $site.server vào $target/releases/$name (bản này chưa được dùng)"
  # The hashed assets of the releases still on the target (the theme's bundle.*.min.js and
  # main.*.min.css, the site's own assets/*.<hash>.min.js): a page loaded before the switch, or
  # kept by a browser for its five minutes, asks for them after it. Each release lists its own
  # (`hashed`); the new one gets those it lacks as hard links, so they cost no space, and they
  # go once the last release that had them is pruned.
  carry_script='
set -euo pipefail
cd "$1/releases"
new=$2
own() { (cd "$1/site" && find assets -type f -regextype posix-extended \
  -regex ".*\.[0-9a-f]{8}\.min\.(css|js)(\.map)?(\.gz)?" 2>/dev/null | LC_ALL=C sort) || true; }
own "$new" > "$new/hashed"
for old in *; do
  [ "$old" != "$new" ] && [ -d "$old/site" ] || continue
  if [ -f "$old/hashed" ]; then cat "$old/hashed"; else own "$old"; fi | while read -r file; do
    if [ -f "$old/site/$file" ] && [ ! -e "$new/site/$file" ]; then
      mkdir -p "$new/site/$(dirname "$file")"
      ln "$old/site/$file" "$new/site/$file"
      echo "$file"
    fi
  done
done | wc -l
'
  carried=$(on_target "set -- \"\$1\" $(printf '%q' "$name")"$'\n'"$carry_script") \
    || die "không giữ lại được tài nguyên của các bản trước trong releases/$name ở $target (bản này chưa được dùng)"
  [ "${carried// /}" = 0 ] || echo "Giữ lại ${carried// /} tệp tài nguyên (CSS, JS có mã băm) của các bản trước cho trang đang mở"
  # Previews (--preview) are served under <site>/xem-truoc/ through a link in every release to
  # TARGET/previews (releases/<name>/site/../../.. is TARGET), so they outlive any switch.
  on_target "set -- \"\$1\" $(printf '%q' "$name")"$'\n''cd "$1" && mkdir -p previews && { [ -e "releases/$2/site/xem-truoc" ] || ln -s ../../../previews "releases/$2/site/xem-truoc"; }' \
    || die "không tạo được liên kết xem-truoc trong releases/$name ở $target (bản này chưa được dùng)"
  # What this release replaces: where --rollback goes back to.
  [ -n "$current" ] && on_target "printf '%s\n' $(printf '%q' "$current") > \"\$1/releases/\"$(printf '%q' "$name")/replaced"
  on_target "set -- \"\$1\" $(printf '%q' "$name")"$'\n'"$switch_script"
  if [ -z "$current" ]; then
    echo "Đã triển khai lần đầu vào $target: current -> releases/$name"
  else
    echo "Đã triển khai: current -> releases/$name (trước đó: releases/$current)"
  fi
  # Keep `keep` releases besides the current one: the one it replaced, and the newest others.
  prune_script='
set -euo pipefail
cd "$1/releases"
keep=$2 now=$3 before=$4
ls -1 | sort | { grep -vx -e "$now" -e "$before" || true; } | head -n "-$((keep - 1))" | while read -r old; do
  rm -rf -- "$old"
  echo "Đã xóa bản cũ releases/$old"
done
'
  on_target "set -- \"\$1\" $keep $(printf '%q' "$name") $(printf '%q' "${current:-none}")"$'\n'"$prune_script"
fi

if [ -n "$reload" ]; then
  on_target "$reload"
  echo "Đã chạy: $reload"
fi
