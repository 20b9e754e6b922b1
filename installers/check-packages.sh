#!/usr/bin/env bash
# Checks the packages cpack made (build/packages) the way a user gets them: each is unpacked
# into a scratch root and run from there alone, with a clean environment (no build tree on any
# path, CHORUS_PLUGIN_PATH unset, HOME and XDG folders in a temporary folder).
#   installers/check-packages.sh [BUILD_DIR]     (default: build; run cpack first)
# DEB and TGZ must exist, and the RPM when rpmbuild is installed (cpack makes one only then). Every check prints "ok" or "FAIL"; the last line is "N passed, N failed" and the
# exit code is 1 when any failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd) || exit 1
packages=$build/packages
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
plugins=(family_feedback staff_survey complaints)
app_id=invalid.chorus.Chorus

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds; shows its output when it fails.
check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then pass "$description"; else fail "$description"; printf '%s\n' "$output" | sed 's/^/     /'; fi
}
# capture DESCRIPTION FILE COMMAND...: like check, keeping COMMAND's output in FILE for the
# checks that follow.
capture() {
  local description=$1 file=$2
  shift 2
  if "$@" >"$file" 2>&1; then pass "$description"; else fail "$description"; sed 's/^/     /' "$file"; fi
}

# The one package file of a kind, or nothing.
package_file() { compgen -G "$packages/$1" | head -n 1; }

# Runs a program of the unpacked package as a user would: nothing from this shell's
# environment, no build tree, a home of its own.
run_installed() {
  local home=$work/home
  mkdir -p "$home"
  env -i PATH=/usr/bin:/bin HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" USER=packager LANG=C.UTF-8 "$@"
}

# still_running_at_timeout COMMAND...: COMMAND (ending in `timeout N PROGRAM`) was stopped by
# timeout rather than ending by itself.
still_running_at_timeout() {
  "$@"
  local status=$?
  ((status == 124)) || { echo "ended by itself with status $status"; return 1; }
}

# check_layout NAME PREFIX: what is installed under PREFIX (the package's /usr, or the
# archive's top folder), and that it runs from there.
check_layout() {
  local name=$1 prefix=$2 cli=$2/bin/chorus-cli
  for file in bin/chorus bin/chorus-cli "lib/libchorus_core.so.$version" \
      "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml" \
      "share/icons/hicolor/scalable/apps/$app_id.svg" share/man/man1/chorus-cli.1 \
      share/doc/chorus/copyright; do
    check "$name: installs $file" test -f "$prefix/$file"
  done
  for plugin in "${plugins[@]}"; do
    check "$name: installs the $plugin plugin" test -f "$prefix/lib/chorus/plugins/$plugin.so"
  done
  check "$name: installs no test fixture, SDK example or development file" \
    test -z "$(cd "$prefix" && find . \( -name '*fixture*' -o -name 'council_example*' -o -name '*.h' \
      -o -name '*.hpp' -o -name '*.a' -o -name 'libchorus_core.so' \) -print)"
  # Stripped (RelWithDebInfo builds are mostly debug info), plugins too: the plugin host
  # finds their entry points in the dynamic symbol table, which strip keeps.
  check "$name: programs, libchorus_core and the plugins are stripped" \
    bash -c '! file -L "$@" | grep "not stripped"' _ "$prefix"/bin/* "$prefix"/lib/libchorus_core.so.* \
    "$prefix"/lib/chorus/plugins/*.so

  # Every library resolves, and libchorus_core from the package itself (by the RPATH),
  # not from the build tree or another installation.
  for binary in "$prefix/bin/chorus" "$cli" "$prefix"/lib/chorus/plugins/*.so; do
    check "$name: $(basename "$binary") finds every library" \
      bash -c '! ldd "$1" | grep "not found"' _ "$binary"
  done
  local real_prefix
  real_prefix=$(realpath "$prefix")
  check "$name: chorus-cli loads libchorus_core from the package" \
    bash -c '[[ $(realpath "$(ldd "$1" | sed -n "s/.*libchorus_core[^ ]* => \([^ ]*\) .*/\1/p")") == "$2"/lib/libchorus_core.so.* ]]' \
      _ "$cli" "$real_prefix"
  check "$name: no RPATH names the build tree" \
    bash -c '! readelf -d "$@" | grep -E "R(UN)?PATH" | grep -F "$0"' "$build" \
      "$prefix/bin/chorus" "$cli" "$prefix"/lib/chorus/plugins/*.so

  local out=$work/$name-out.txt db=$work/$name-fresh.db
  capture "$name: chorus-cli --version runs" "$out" run_installed "$cli" --version
  check "$name: chorus-cli --version says $version" grep -qx "chorus-cli $version" "$out"
  capture "$name: chorus-cli plugins runs" "$out" run_installed "$cli" plugins
  check "$name: plugins come from the package's plugin folder" \
    grep -qxF "Plugin folders: $real_prefix/lib/chorus/plugins" "$out"
  for plugin in "${plugins[@]}"; do
    check "$name: chorus-cli plugins loads $plugin" grep -qE "^$plugin +.* $plugin\.so " "$out"
  done
  check "$name: chorus-cli plugins refuses none" bash -c '! grep -i "refused" "$1"' _ "$out"

  capture "$name: chorus-cli demo runs on a fresh database" "$out" run_installed "$cli" demo --db "$db"
  check "$name: the demo seeded its surveys and complaints log" \
    grep -qE "^Seeded the demo data: .* [1-9][0-9]* responses, [1-9][0-9]* complaints" "$out"
  capture "$name: chorus-cli instruments list runs" "$out" run_installed "$cli" instruments list --db "$db"
  check "$name: the demo's surveys are stored" bash -c '(( $(grep -cE " (family_feedback|staff_survey) " "$1") >= 3 ))' _ "$out"
  capture "$name: chorus-cli complaints list runs (the installed complaints plugin)" "$out" \
    run_installed "$cli" complaints list --open --db "$db" --today 2026-03-31
  check "$name: the demo's register has open complaints" \
    grep -qE "^As at 2026-03-31: [1-9][0-9]* complaints, [0-9]+ open" "$out"
  # The desktop app starts and stays up on a fresh database (timeout's 124: still running
  # when stopped), on its own virtual display.
  check "$name: chorus starts on a fresh database" still_running_at_timeout \
    run_installed xvfb-run -a -s '-screen 0 1280x800x24' timeout 8 "$prefix/bin/chorus" --db "$work/$name-app.db" --view plugins
  rm -rf "$work/home"
}

# check_desktop_files PREFIX: the files the desktop and software centres read.
check_desktop_files() {
  local prefix=$1
  check "desktop file is valid" desktop-file-validate "$prefix/share/applications/$app_id.desktop"
  check "desktop file starts the installed chorus" \
    bash -c 'grep -qx "Exec=chorus" "$1" && test -x "$2/bin/chorus"' _ \
      "$prefix/share/applications/$app_id.desktop" "$prefix"
  check "AppStream metainfo is valid" appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml"
  check "AppStream metainfo names release $version" \
    grep -q "<release version=\"$version\"" "$prefix/share/metainfo/$app_id.metainfo.xml"
  check "icon is an SVG" bash -c 'file "$1" | grep -q "SVG"' _ "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
  local man=$prefix/share/man/man1/chorus-cli.1
  check "man page formats without warnings" \
    bash -c 'warnings=$(groff -man -Tutf8 -ww -z "$1" 2>&1); echo "$warnings"; [[ -z $warnings ]]' _ "$man"
  check "man page is for Chorus $version" grep -q "^\.TH CHORUS\\\\-CLI 1 .* \"Chorus $version\"" "$man"
  check "man page renders with man -l" bash -c 'MANWIDTH=80 man -l "$1" | grep -q "^NAME"' _ "$man"
  # Every command chorus-cli --help lists has its entry in the man page.
  local command missing=()
  while read -r command; do
    grep -qF ".B chorus\\-cli ${command//-/\\-}" "$man" || missing+=("$command")
  done < <(run_installed "$prefix/bin/chorus-cli" --help | awk '$1 == "chorus-cli" {
             words = ""; for (i = 2; i <= NF && $i ~ /^[a-z][a-z-]*$/; i++) words = words (i > 2 ? " " : "") $i
             if (words != "") print words }')
  check "man page describes every command of chorus-cli --help" test "${#missing[@]}" -eq 0
  ((${#missing[@]} == 0)) || printf '     missing: %s\n' "${missing[@]}"
}

echo "== packages in $packages"

deb=$(package_file "chorus_${version}-*.deb")
if [[ -z $deb ]]; then
  fail "DEB package exists"
else
  pass "DEB package exists: $(basename "$deb")"
  info=$work/deb-info.txt
  dpkg-deb -I "$deb" >"$info"
  check "DEB: package name chorus" grep -qx " Package: chorus" "$info"
  check "DEB: version $version-1" grep -qx " Version: $version-1" "$info"
  check "DEB: maintainer" grep -q "^ Maintainer: Chorus <dev@chorus.invalid>" "$info"
  check "DEB: section misc" grep -qx " Section: misc" "$info"
  check "DEB: description" grep -q "^ Description: Survey and feedback collector" "$info"
  # From dpkg-shlibdeps: the libraries the binaries really link.
  depends=$(sed -n 's/^ Depends: //p' "$info")
  for dependency in libwxgtk3.2-1 libwxbase3.2-1 libcairo2 libpango-1.0-0 libsodium23 libstdc++6 libc6; do
    check "DEB: depends on $dependency" grep -qF "$dependency (" <<<"$depends"
  done
  # SQLite (with encryption) is built into libchorus_core, not the system's libsqlite3.
  check "DEB: does not depend on libsqlite3-0" bash -c '! grep -qF "libsqlite3-0" <<<"$1"' _ "$depends"
  root=$work/deb-root
  dpkg -x "$deb" "$root"
  check_layout DEB "$root/usr"
  check_desktop_files "$root/usr"
fi

tgz=$(package_file "chorus-${version}-Linux.tar.gz")
if [[ -z $tgz ]]; then
  fail "TGZ package exists"
else
  pass "TGZ package exists: $(basename "$tgz")"
  mkdir -p "$work/tgz-root"
  tar -xzf "$tgz" -C "$work/tgz-root"
  check_layout TGZ "$work/tgz-root/chorus-${version}-Linux"
fi

rpm=$(package_file "chorus-${version}-*.rpm")
if [[ -z $rpm ]] && command -v rpmbuild >/dev/null; then
  fail "RPM package exists (rpmbuild is installed, so cpack should have made one)"
elif [[ -z $rpm ]]; then
  echo "skip RPM: no rpmbuild, so cpack made no RPM package (install-deps.sh installs rpm)"
elif ! command -v rpm2archive >/dev/null; then
  fail "RPM: rpm2archive (package rpm) to unpack $(basename "$rpm")"
else
  pass "RPM package exists: $(basename "$rpm")"
  rpm -qpR "$rpm" >"$work/rpm-requires.txt" 2>/dev/null
  check "RPM: requires the wx library" grep -q "libwx_gtk3u_core" "$work/rpm-requires.txt"
  mkdir -p "$work/rpm-root"
  rpm2archive - <"$rpm" | tar -xz -C "$work/rpm-root"
  check_layout RPM "$work/rpm-root/usr"
fi

echo "$passed passed, $failed failed"
((failed == 0))
