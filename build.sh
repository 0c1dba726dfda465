#!/usr/bin/env bash
# Second Thought: install what is missing, build, test, package.
#
#   ./build.sh          install missing tools (pinned), build the CLI, the wasm and dist/
#   ./build.sh test     the above, then every check and test suite, stopping at the first failure
#   ./build.sh bench    build, then one table of speed, size and quality figures measured in one
#                       run (native, wasm in Node, npm and crate peers, the extension in Chromium);
#                       also in target/bench/table.md. Extra arguments go to benches/node/bench.mjs
#   ./build.sh install  only install the missing tools
#   ./build.sh fuzz [S] run each cargo-fuzz target for S seconds (default 30)
#   ./build.sh model    retrain the classifier from ../shared/eval and fail unless it is
#                       byte-identical to models/offensive.bin (same data, same seed, same weights)
#   KEEP_GOING=1 ./build.sh test   run every stage even after a failure
#
# Outputs: target/release/second-thought (CLI), pkg/ (wasm + JS glue), dist/chrome/,
# dist/firefox/ (unpacked extensions), dist/second-thought-{chrome,firefox}-VERSION.zip and the
# sources for store reviewers, dist/second-thought-source-VERSION.zip.
# Runs unattended (CI=true, no stdin) as root on Debian 12; see ../shared/notes/TOOLCHAIN.md.
set -eEuo pipefail
trap 'echo "build.sh: failed (exit $?): $BASH_COMMAND" >&2' ERR

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

# ---- pinned versions --------------------------------------------------------------------------
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
CARGO_FUZZ_VERSION=0.13.2
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock (pinned with = in Cargo.toml).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
# opt-level for the wasm build only (the native CLI keeps the release profile's 3). Measured on
# this crate: z is 8% smaller gzipped than s (275 against 300 KB on 2 Dec) but twice as slow in
# Node (349 against 174 µs on the 3,000-char post, 6.8 against 3.1 ms on 63,206 chars, past the
# p99 goals); 3 is 14% bigger gzipped than s (556 against 487 KB on 1 Dec) and 20-25% faster in
# Node, so s, while both meet the speed the user sees.
WASM_OPT_LEVEL=${WASM_OPT_LEVEL:-s}

CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"
export DEBIAN_FRONTEND=noninteractive
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

say() { printf '\n==> %s\n' "$*"; }
die() {
  printf '\nbuild.sh: error: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# ---- install ----------------------------------------------------------------------------------

# `cargo install CRATE --version VERSION [flags]` unless `BIN --version` already says VERSION.
cargo_tool() {
  local crate=$1 version=$2 bin=$3
  shift 3
  local installed=""
  have "$bin" && installed=$("$bin" --version 2>/dev/null || true)
  # e.g. "wasm-pack 0.15.1", "geckodriver 0.37.1 (hash date)": the second word of the first line
  installed=${installed%%$'\n'*}
  read -r _ installed _ <<<"$installed" || true
  [[ $installed == "$version" ]] && return
  say "cargo install $crate $version (takes a couple of minutes)"
  cargo install "$crate" --version "$version" --force "$@"
}

install_tools() {
  have cargo && have rustup ||
    die "Rust is not installed: install rustup (https://rustup.rs), then run ./build.sh again"
  have node && have npm || die "Node.js 20+ and npm are needed (Debian: apt-get install nodejs npm)"
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  ((node_major >= 20)) || die "Node.js 20+ is needed; this is $(node --version)"

  local missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  have firefox-esr || missing+=(firefox-esr)
  have python3 || missing+=(python3)
  have c++ || missing+=(g++) # libfuzzer-sys compiles libFuzzer (the fuzz stage)
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    local sudo=()
    if ((EUID != 0)); then
      have sudo || die "not root and no sudo: install ${missing[*]} with apt-get"
      sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q "${missing[@]}"
  fi
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver && -x /usr/bin/firefox-esr ]] ||
    die "expected /usr/bin/chromium, /usr/bin/chromedriver and /usr/bin/firefox-esr (webdriver.json names them)"

  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    { say "rustup target add wasm32-unknown-unknown" && rustup target add wasm32-unknown-unknown; }
  cargo fmt --version >/dev/null 2>&1 || { say "rustup component add rustfmt" && rustup component add rustfmt; }
  cargo clippy --version >/dev/null 2>&1 || { say "rustup component add clippy" && rustup component add clippy; }

  [[ -n $WASM_BINDGEN_VERSION ]] || die "no wasm-bindgen in Cargo.lock"
  cargo_tool wasm-pack "$WASM_PACK_VERSION" wasm-pack --locked
  # Not --locked: its lock file wants a webpki-roots newer than the registry has.
  cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
  cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen-test-runner
  cargo_tool geckodriver "$GECKODRIVER_VERSION" geckodriver --locked
  cargo_tool cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz --locked

  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
  # Debian's binaryen (wasm-opt 108) silently produces a broken module: only npm's will do.
  [[ $(command -v wasm-opt) == "$ROOT/node_modules/.bin/wasm-opt" ]] ||
    die "wasm-opt on PATH is $(command -v wasm-opt || echo nothing), not npm's binaryen"
}

# ---- build ------------------------------------------------------------------------------------

# wasm-pack cannot pass flags to wasm-bindgen, so it finds this wrapper first on PATH. The flag
# makes the glue export __wbg_reset_state(): after a Rust panic (a trap, which leaves the instance
# in an unknown state) the extension's background starts a fresh instance of the compiled module.
wasm_bindgen_wrapper() {
  local dir=$ROOT/target/build-sh/bin real
  real=$(command -v wasm-bindgen)
  mkdir -p "$dir"
  cat >"$dir/wasm-bindgen" <<EOF
#!/bin/sh
# Written by build.sh: adds --experimental-reset-state-function for wasm-pack builds.
case "\$1" in --version|-V|--help|-h) exec "$real" "\$@" ;; esac
exec "$real" --experimental-reset-state-function "\$@"
EOF
  chmod +x "$dir/wasm-bindgen"
  echo "$dir"
}

build() {
  say "cargo build --release (the second-thought CLI)"
  cargo build --release
  build_wasm_and_dist
}

# The wasm, dist/ and dist/www (no CLI: `./build.sh bench` needs only these, and building the CLI
# between two `cargo bench` runs makes cargo rebuild the crate each time for the other's features).
build_wasm_and_dist() {
  say "wasm-pack build --release --target web (opt-level $WASM_OPT_LEVEL, wasm-opt from npm's binaryen)"
  local wrapper
  wrapper=$(wasm_bindgen_wrapper)
  # The registry's path on this machine would end up in the wasm (panic locations): map it to
  # /cargo, so that the same sources and tools give the same bytes anywhere (see source_archive).
  # simd128 (WebAssembly SIMD, in every Chrome since 91 and Firefox since 89): memchr's searches
  # use it. Measured in Node on 6 Dec, the two builds in turns: 2-4 % less time per check (tweet
  # 10.6 -> 10.4 us, 3,000 chars 84 -> 81 us, 63,206 chars 1.69 -> 1.62-1.67 ms), +0.3 KB gzipped.
  PATH="$wrapper:$PATH" CARGO_PROFILE_RELEASE_OPT_LEVEL=$WASM_OPT_LEVEL \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo -C target-feature=+simd128" \
    wasm-pack build --release --target web --out-dir pkg
  grep -q __wbg_reset_state pkg/second_thought.js || die "pkg/second_thought.js has no __wbg_reset_state"
  # JavaScript written in src/wasm.rs (`inline_js`) comes out as pkg/snippets/*/inline*.js, which
  # the glue imports: put it into the glue instead, so that the glue stays one file wherever it
  # is copied (dist/*/wasm, dist/www/wasm, the Node tests).
  python3 - <<'EOF'
import re, shutil, sys
from pathlib import Path

glue = Path("pkg/second_thought.js")
text = glue.read_text()
pattern = re.compile(r"^import \{ [\w, ]+ \} from '\./(snippets/[^']+\.js)';\n", re.M)
def inline(m):
    snippet = (Path("pkg") / m.group(1)).read_text()
    return re.sub(r"^export (function|const|class) ", r"\1 ", snippet, flags=re.M) + "\n"
text, n = pattern.subn(inline, text)
if "snippets/" in text:
    sys.exit("pkg/second_thought.js still imports a snippet that could not be put into it")
glue.write_text(text)
shutil.rmtree("pkg/snippets", ignore_errors=True)
print(f"pkg/second_thought.js: {n} inline_js snippet(s) put into the glue")
EOF
  # The classifier's model is a data file beside the wasm (loadModel), not part of it.
  cp models/offensive.bin pkg/offensive.bin

  say "dist/: chrome and firefox"
  python3 - <<'EOF'
import json, re, shutil, sys, zipfile
from pathlib import Path

cargo_version = re.search(r'(?m)^version\s*=\s*"([^"]+)"', Path("Cargo.toml").read_text()).group(1)
source = json.loads(Path("manifest.json").read_text())
if source.get("version") != cargo_version:
    sys.exit(f"manifest.json version {source.get('version')!r} differs from Cargo.toml's {cargo_version!r}")

def for_browser(browser):
    m = json.loads(json.dumps(source))
    bg = m.get("background", {})
    if browser == "chrome":
        m.pop("browser_specific_settings", None)
        m["background"] = {k: bg[k] for k in ("service_worker", "type") if k in bg}
    else:
        m.pop("minimum_chrome_version", None)
        m["background"] = {k: bg[k] for k in ("scripts", "type") if k in bg}
    return m

dist = Path("dist")
for browser in ("chrome", "firefox"):
    out = dist / browser
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree("extension", out, ignore=shutil.ignore_patterns(".*", "*~"))
    (out / "wasm").mkdir(exist_ok=True)
    for name in ("second_thought.js", "second_thought_bg.wasm", "offensive.bin"):
        shutil.copy2(Path("pkg") / name, out / "wasm" / name)
    (out / "manifest.json").write_text(json.dumps(for_browser(browser), indent=2) + "\n")
    archive = dist / f"second-thought-{browser}-{cargo_version}.zip"
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for f in sorted(p for p in out.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f.relative_to(out).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, f.read_bytes())
    print(f"{out}/ and {archive} ({archive.stat().st_size} bytes)")
EOF

  say "dist/www: the playground (the same wasm)"
  rm -rf dist/www
  mkdir -p dist/www/wasm
  cp www/*.html www/*.js www/*.json www/*.css www/*.svg dist/www/
  cp extension/options/el.js dist/www/ # the DOM helper the options page uses too
  cp pkg/second_thought.js pkg/second_thought_bg.wasm pkg/offensive.bin dist/www/wasm/

  source_archive

  local wasm=pkg/second_thought_bg.wasm raw gz
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9c "$wasm" | wc -c)
  say "wasm size: $raw bytes raw, $gz bytes gzipped ($((raw / 1024)) KiB / $((gz / 1024)) KiB)"
}

# The sources a store reviewer (addons.mozilla.org) needs to rebuild the same wasm: every file
# git tracks (so never dist/, target/, pkg/ or node_modules/), as they are in the working tree,
# plus BUILDING.txt with the commands, the tool versions used here and the hashes of what was
# built. Skipped outside a git checkout (e.g. when building from this very archive).
source_archive() {
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    say "not a git checkout: no source archive"
    return
  fi
  say "dist/: source archive (git ls-files) for store reviewers"
  v() { "$@" 2>/dev/null | head -n 1 || echo "$1: not found"; }
  ST_TOOLS=$(printf '%s\n' "$(v rustc --version)" "$(v cargo --version)" "$(v wasm-pack --version)" \
    "$(v wasm-bindgen --version)" "$(v wasm-opt --version)" "node $(v node --version)" "npm $(v npm --version)" \
    "$(v python3 --version)") ST_COMMIT=$(git rev-parse HEAD) ST_DIRTY=$(git status --porcelain --untracked-files=no | wc -l) \
    WASM_OPT_LEVEL=$WASM_OPT_LEVEL python3 - <<'PY'
import hashlib, os, re, subprocess, zipfile
from pathlib import Path

version = re.search(r'(?m)^version\s*=\s*"([^"]+)"', Path("Cargo.toml").read_text()).group(1)
files = [f for f in subprocess.run(["git", "ls-files", "-z"], check=True, capture_output=True).stdout.decode().split("\0") if f]
files = sorted(f for f in files if Path(f).is_file())  # a tracked file deleted in the tree is left out
sha = lambda p: hashlib.sha256(Path(p).read_bytes()).hexdigest()
dirty = int(os.environ["ST_DIRTY"])
building = f"""Second Thought {version}: building from source
================================================

These are the sources of the extension, exactly the files in its git repository at commit
{os.environ["ST_COMMIT"]}{" (with uncommitted changes to tracked files)" if dirty else ""}.
README.md ("The two commands") has the full story; for a reviewer this is all of it:

  Debian 12 (or similar), Rust via rustup, Node.js 20+ with npm, python3, internet access
  for crates.io and the npm registry.

  ./build.sh build

build.sh installs what is missing at pinned versions (the wasm32-unknown-unknown target,
wasm-pack, wasm-bindgen-cli at the version in Cargo.lock, npm ci for binaryen's wasm-opt from
package-lock.json), builds the Rust crate to WebAssembly with wasm-pack (opt-level
{os.environ["WASM_OPT_LEVEL"]}, then wasm-opt -Oz) and copies extension/ plus the wasm into
dist/firefox/ (manifest.json rewritten for Firefox from the top-level manifest.json) and
dist/second-thought-firefox-{version}.zip.

The JavaScript in extension/ is hand-written and not minified. Only wasm/second_thought.js
(wasm-bindgen glue) and wasm/second_thought_bg.wasm are generated, from src/ (Rust).

Built here with:
{os.environ["ST_TOOLS"].strip()}

SHA-256 of what that build produced (the same toolchain gives the same bytes):
  {sha("pkg/second_thought_bg.wasm")}  dist/firefox/wasm/second_thought_bg.wasm
  {sha("pkg/second_thought.js")}  dist/firefox/wasm/second_thought.js
"""
archive = Path("dist") / f"second-thought-source-{version}.zip"
archive.unlink(missing_ok=True)
def add(z, name, data):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o755 if name.endswith(".sh") or name == ".ci/run" else 0o644) << 16
    z.writestr(info, data)
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    add(z, "BUILDING.txt", building)
    for f in files:
        add(z, f, Path(f).read_bytes())
print(f"{archive} ({len(files) + 1} files, {archive.stat().st_size} bytes)")
PY
}

# ---- test -------------------------------------------------------------------------------------

STAGES=() RESULTS=()
PASSED=0 FAILED=0

summary() {
  local i
  printf '\n==> summary\n'
  for i in "${!STAGES[@]}"; do printf '  %-6s %s\n' "${RESULTS[$i]%% *}" "${STAGES[$i]}${RESULTS[$i]#* }"; done
  echo "stages: $PASSED passed, $FAILED failed, in ${SECONDS}s"
  echo "$PASSED passed, $FAILED failed"
}

# Extracts "N tests" from a stage's log where the runner reports counts (cargo, node --test).
count_tests() {
  local log=$1
  awk '
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i - 1); if ($(i) ~ /^failed;?$/) f += $(i - 1) } }
    /^# (pass|fail) [0-9]+$/ { if ($2 == "pass") p += $3; else f += $3 }
    END { if (p + f > 0) printf " (%d tests passed, %d failed)", p, f }' "$log"
}

# stage NAME COMMAND...: runs a stage with a time limit, records it, stops everything on failure.
stage() {
  local name=$1
  shift
  local log start status=0 limit=${STAGE_TIMEOUT:-900}
  log=$(mktemp)
  start=$SECONDS
  say "[$name] $*"
  timeout -k 30 "$limit" "$@" 2>&1 </dev/null | tee "$log" || status=${PIPESTATUS[0]}
  local took=$((SECONDS - start)) counts
  counts=$(count_tests "$log")
  rm -f "$log"
  STAGES+=("$name")
  if ((status == 0)); then
    PASSED=$((PASSED + 1))
    RESULTS+=("PASS ${counts} in ${took}s")
  else
    FAILED=$((FAILED + 1))
    local why="exit $status"
    ((status == 124)) && why="timed out after ${limit}s"
    RESULTS+=("FAIL ${counts} in ${took}s ($why)")
    printf '\nbuild.sh: stage "%s" failed (%s): %s\n' "$name" "$why" "$*" >&2
    if [[ ${KEEP_GOING:-} != 1 ]]; then
      summary
      exit 1
    fi
  fi
}

# optional_stage NAME FILE COMMAND...: a stage that runs only when FILE exists (suites added later).
optional_stage() {
  local name=$1 file=$2
  shift 2
  if [[ -e $file ]]; then stage "$name" "$@"; fi
}

run_tests() {
  # wasm-bindgen-test-runner picks the browser from whichever driver variable is set: set one only.
  unset CHROMEDRIVER GECKODRIVER
  STAGE_TIMEOUT=2400 stage "install missing tools" "$BASH" "$ROOT/build.sh" install
  stage "build (CLI, wasm, dist/)" "$BASH" "$ROOT/build.sh" build
  stage "cargo fmt --check" cargo fmt --all --check
  stage "clippy (native, all targets)" cargo clippy --all-targets -- -D warnings
  stage "clippy (wasm32: lib + tests/wasm.rs)" cargo clippy --target wasm32-unknown-unknown --lib --test wasm -- -D warnings
  stage "cargo test (unit, integration, doc)" cargo test --no-fail-fast
  stage "classifier retrains byte-identical to models/offensive.bin" "$BASH" "$ROOT/build.sh" model
  # The wasm-bindgen tests of tests/wasm.rs in headless browsers (webdriver.json names the Debian
  # ones). This is what `wasm-pack test --headless --chrome|--firefox` runs, minus its
  # `cargo build --tests`, which would also build every unit test of the crate for wasm32: they
  # never run there, and native-only test code need not compile there.
  local wasm_test=(WASM_BINDGEN_TEST_ONLY_WEB=1
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$CARGO_BIN/wasm-bindgen-test-runner"
    cargo test --target wasm32-unknown-unknown --test wasm)
  stage "wasm tests in headless Chromium" env CHROMEDRIVER=/usr/bin/chromedriver "${wasm_test[@]}"
  stage "wasm tests in headless Firefox" env GECKODRIVER="$CARGO_BIN/geckodriver" "${wasm_test[@]}"
  stage "node tests (tests/node)" node --test tests/node/
  stage "web-ext lint (dist/firefox)" web-ext lint --source-dir dist/firefox --warnings-as-errors --no-input
  stage "playground (Chromium) and options page (Chromium, Firefox) (tests/playground)" node --test tests/playground/
  stage "fuzz check and pack, 30 s each (cargo-fuzz)" "$BASH" "$ROOT/build.sh" fuzz 30
  # Later suites: one line each.
  optional_stage "extension end-to-end (tests/e2e)" tests/e2e/run.mjs node tests/e2e/run.mjs
  summary
}

# model: trains the classifier again (src/bin/train-classifier.rs, its default seed and settings,
# on ../shared/eval) into a temporary file and compares it with the shipped models/offensive.bin.
# A change to the word stream or to the features changes the weights the same code would train:
# this says so, and the fix is to retrain (`cargo run --release --bin train-classifier`) and
# measure again. Takes about 4 s after the release build. The data is looked for in EVAL_DIR
# (default ../shared/eval); where it is not (a bare checkout), the stage says so and passes.
model() {
  local out data=${EVAL_DIR:-$ROOT/../shared/eval}
  if [[ ! -f $data/offensive_davidson.jsonl || ! -f $data/offensive_olid_train.jsonl ]]; then
    echo "SKIPPED: the training data is not here ($data/offensive_{davidson,olid_train}.jsonl;" \
      "it is kept beside the repository, not in it): set EVAL_DIR to the folder that holds it"
    return 0
  fi
  out=$(mktemp)
  cargo build --release -q --bin train-classifier
  "${CARGO_TARGET_DIR:-$ROOT/target}/release/train-classifier" --davidson "$data/offensive_davidson.jsonl" \
    --olid "$data/offensive_olid_train.jsonl" --out "$out" >"$out.log" 2>&1 ||
    { cat "$out.log" >&2; rm -f "$out" "$out.log"; die "train-classifier failed"; }
  tail -n 2 "$out.log" | head -n 1
  local same=0
  cmp -s "$out" models/offensive.bin || same=$?
  rm -f "$out" "$out.log"
  ((same == 0)) ||
    die "models/offensive.bin is not what train-classifier writes from the same data and seed: retrain it (cargo run --release --bin train-classifier) and measure again"
  echo "models/offensive.bin: retrained byte-identical ($(wc -c <models/offensive.bin) bytes)"
}

# fuzz [SECONDS]: each cargo-fuzz target (fuzz/fuzz_targets: check, pack) for SECONDS (default
# 30), from the seeds in fuzz/seeds. cargo-fuzz needs nightly flags (-Z sanitizer):
# RUSTC_BOOTSTRAP=1 lets the stable toolchain take them. A crash fails the run and leaves its
# input in fuzz/artifacts/TARGET/.
fuzz() {
  local seconds=${1:-30} target
  for target in check pack; do
    say "cargo fuzz run $target for ${seconds}s"
    mkdir -p "fuzz/corpus/$target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" \
      -- -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1
  done
}

# ---- bench ------------------------------------------------------------------------------------

# One run, one table: benches/compare.rs writes the inputs (target/bench-inputs/) and the native
# figures, benches/node/bench.mjs adds the wasm, the npm peers and the extension in headless
# Chromium (a free port, no browser policy files) and prints the table. Criterion's own
# benchmarks of the checker stay available as `cargo bench --bench check`.
bench() {
  say "bench, native: cargo bench --bench compare (Second Thought, rustrict, the bare floor)"
  cargo bench --bench compare
  say "bench: wasm in Node, the npm peers, the extension in Chromium, then the table"
  node benches/node/bench.mjs "$@"
}

# ---- main -------------------------------------------------------------------------------------

command=${1:-build}
(($#)) && shift
case $command in
build)
  install_tools
  build
  ;;
install)
  install_tools
  ;;
fuzz)
  fuzz "$@"
  ;;
model)
  model
  ;;
test)
  run_tests
  exit $((FAILED > 0))
  ;;
bench)
  install_tools
  build_wasm_and_dist
  bench "$@"
  ;;
-h | --help | help)
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  ;;
*)
  die "unknown command '$command' (try: ./build.sh, ./build.sh test, ./build.sh bench)"
  ;;
esac
