#!/usr/bin/env bash
# Extract translatable strings, bring the nynorsk (nn) and English (en) catalogues up to date,
# compile them, and report anything left untranslated or fuzzy.
#
# Run from the repository root:   scripts/update-translations.sh
# Bokmål needs no catalogue: the source strings (msgids) are bokmål.
# Safe to run again and again: files only change when the strings in the code change.
# Exit status 1 means some entries still need a translator (listed as untranslated/fuzzy).
set -euo pipefail

cd "$(dirname "$0")/.."

PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
PYTHON="${PYTHON:-.venv/bin/python}"
DIR=verksted/translations
POT="$DIR/messages.pot"
LANGS=(nn en)

mkdir -p "$DIR"

# 1. Extract into a scratch file; keep the old template if only its creation date would change.
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
"$PYBABEL" -q extract --mapping-file=babel.cfg --keyword=_l --keyword=lazy_gettext \
    --sort-by-file --project=Verksted --copyright-holder=Verksted \
    --ignore-dirs='.* ._ node_modules static instance bench build migrations tests' \
    --output-file="$tmp" .
if [[ -f "$POT" ]] && diff -q <(grep -v '^"POT-Creation-Date:' "$POT") \
                               <(grep -v '^"POT-Creation-Date:' "$tmp") >/dev/null; then
    echo "messages.pot: no changes"
else
    cp "$tmp" "$POT"
    echo "messages.pot: updated"
fi

# 2. Create or update each language's catalogue. Fuzzy matches are kept as hints for the
#    translator but are never compiled; the check below fails until they are resolved.
for lang in "${LANGS[@]}"; do
    if [[ -f "$DIR/$lang/LC_MESSAGES/messages.po" ]]; then
        "$PYBABEL" -q update --input-file="$POT" --output-dir="$DIR" --locale="$lang" \
            --ignore-obsolete --ignore-pot-creation-date
    else
        "$PYBABEL" -q init --input-file="$POT" --output-dir="$DIR" --locale="$lang"
    fi
done

# 3. Compile to .mo (git-ignored; the build compiles them too). Fuzzy entries are left out of
#    the .mo files, but pybabel still checks them and complains about their placeholders;
#    carry on so the count below shows what needs doing.
compile_status=0
"$PYBABEL" compile --directory="$DIR" --statistics || compile_status=$?

# 4. Count what is still missing.
check_status=0
"$PYTHON" - "$DIR" "${LANGS[@]}" <<'PY' || check_status=$?
import sys
from babel.messages.pofile import read_po

directory, langs = sys.argv[1], sys.argv[2:]
missing = 0
for lang in langs:
    with open(f"{directory}/{lang}/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f, locale=lang)
    entries = [m for m in catalog if m.id]
    def done(m):
        return all(m.string) if isinstance(m.string, (tuple, list)) else bool(m.string)
    untranslated = [m for m in entries if not done(m)]
    fuzzy = [m for m in entries if m.fuzzy]
    print(f"{lang}: {len(entries)} entries, {len(entries) - len(untranslated) - len(fuzzy)} translated, "
          f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy"
          + (" (header marked fuzzy: catalogue will not compile)" if catalog.fuzzy else ""))
    missing += len(untranslated) + len(fuzzy) + int(catalog.fuzzy)
sys.exit(0 if missing == 0 else 1)
PY

if (( compile_status || check_status )); then
    echo "Translations need attention (see above)." >&2
    exit 1
fi
