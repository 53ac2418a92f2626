"""A landed migration never changes: every file in server/store/migrations/ against its
recorded checksum.

CHECKSUMS holds one `NNNN sha256` line per version up to 0013 and is itself landed, so it
never changes either; each later version records its checksum in a file of its own,
`NNNN.sha256`, added with the migration. A recorded file whose text changed, or that went
away, fails here; so does a new file without its checksum, and a file the runner would skip
for its name.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from server.store import migrate
from server.store.migrate import SUPERSEDED_CHECKSUMS, Migration, load_functions, load_migrations

MIGRATIONS = Path(migrate.__file__).resolve().parent / "migrations"
LISTING = "CHECKSUMS"  # versions 0001-0013, frozen
_LINE = re.compile(r"^(\d{4}) ([0-9a-f]{64})$")
_OWN = re.compile(r"^(\d{4})\.sha256$")  # one later version's checksum
_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")  # the runner's file name rule


def listed_checksums(directory: Path) -> tuple[dict[int, str], list[str]]:
    """CHECKSUMS as version -> checksum, and what is wrong with the list itself."""
    listed: dict[int, str] = {}
    problems = []
    lines = (directory / LISTING).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(f"{LISTING}:{number}: not `NNNN sha256`: {line!r}")
            continue
        version = int(match.group(1))
        if version != len(listed) + 1:
            problems.append(f"{LISTING}:{number}: version {version:04d} out of order")
        listed[version] = match.group(2)
    for path in sorted(directory.iterdir()):
        own = _OWN.match(path.name)
        if own is None:
            continue
        version = int(own.group(1))
        checksum = path.read_text(encoding="utf-8").strip()
        if version != len(listed) + 1 or re.fullmatch(r"[0-9a-f]{64}", checksum) is None:
            problems.append(f"{path.name}: not the next version's sha256")
            continue
        listed[version] = checksum
    return listed, problems


def checksum_problems(directory: Path) -> list[str]:
    """Every way the migrations in `directory` disagree with its CHECKSUMS."""
    listed, problems = listed_checksums(directory)
    files: dict[int, Path] = {}
    for path in sorted(directory.iterdir()):
        if path.name == LISTING or _OWN.match(path.name):
            continue
        match = _FILE.match(path.name)
        if match is None or not path.is_file():
            problems.append(f"{path.name}: not a migration (NNNN_name.sql); the runner skips it")
            continue
        version = int(match.group(1))
        if version in files:
            problems.append(f"{path.name}: a second file for version {version:04d}")
            continue
        files[version] = path
    for version, expected in listed.items():
        path = files.get(version)
        if path is None:
            problems.append(
                f"{version:04d}: listed in {LISTING} but its file is gone; a landed "
                "migration never goes away"
            )
            continue
        actual = Migration(version, path.name, path.read_text(encoding="utf-8")).checksum
        if actual != expected:
            problems.append(
                f"{path.name} changed after it landed (sha256 {actual}, {LISTING} has "
                f"{expected}): restore it and fix forward with a new migration"
            )
    for version, path in sorted(files.items()):
        if version not in listed:
            checksum = Migration(version, path.name, path.read_text(encoding="utf-8")).checksum
            problems.append(
                f"{path.name} has no recorded checksum: add {version:04d}.sha256 holding {checksum}"
            )
    return problems


def test_landed_migrations_are_unchanged() -> None:
    assert checksum_problems(MIGRATIONS) == []


def test_the_runner_records_the_listed_checksums() -> None:
    """The list is in the runner's own terms: what migrate() would record, version by version."""
    listed, _ = listed_checksums(MIGRATIONS)
    assert {m.version: m.checksum for m in load_migrations()} == listed


def test_superseded_checksums_are_history_only() -> None:
    """The accepted older texts are of listed versions and never today's text."""
    listed, _ = listed_checksums(MIGRATIONS)
    for version, checksums in SUPERSEDED_CHECKSUMS.items():
        assert version in listed
        assert listed[version] not in checksums


def test_the_check_finds_planted_changes(tmp_path: Path) -> None:
    """A copy of the folder with an edit, a removal, an unlisted file and a misnamed one."""
    planted = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, planted)
    assert checksum_problems(planted) == []
    last = max(listed_checksums(planted)[0])  # the versions after it are still free
    edited = next(planted.glob("0009_*.sql"))
    edited.write_text(edited.read_text(encoding="utf-8") + "-- one more line\n")
    next(planted.glob("0005_*.sql")).unlink()
    (planted / f"{last + 1:04d}_new_thing.sql").write_text("SELECT 1;\n")
    (planted / f"{last + 2:04d}-bad-name.sql").write_text("SELECT 1;\n")
    problems = checksum_problems(planted)
    assert len(problems) == 4, problems
    assert problems[0].startswith(f"{last + 2:04d}-bad-name.sql: not a migration")
    assert problems[1].startswith("0005: listed in CHECKSUMS but its file is gone")
    assert problems[2].startswith(f"{edited.name} changed after it landed")
    assert problems[3].startswith(
        f"{last + 1:04d}_new_thing.sql has no recorded checksum: add {last + 1:04d}.sha256 "
    )
    listing = planted / LISTING
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text.replace("\n0013 ", "\n0014 "))
    assert any("version 0014 out of order" in p for p in checksum_problems(planted))
    (planted / f"{last:04d}.sha256").rename(planted / f"{last + 5:04d}.sha256")
    assert any(f"{last + 5:04d}.sha256: not the next" in p for p in checksum_problems(planted))


FUNCTIONS = MIGRATIONS.parent / "functions"
# The last migration that still defined a replaceable function inline (they stay as landed).
LAST_INLINE_DEFINITION = 12
_CREATE_FUNCTION = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(\w+)", re.IGNORECASE)


def test_replaceable_functions_are_defined_in_their_own_files_only() -> None:
    """functions/NAME.sql defines NAME (and nothing else); no later migration defines it."""
    names = {f.name.removesuffix(".sql") for f in load_functions()}
    assert {"append_message", "applied_migration_versions"} <= names
    for name in names:
        sql = (FUNCTIONS / f"{name}.sql").read_text(encoding="utf-8")
        assert _CREATE_FUNCTION.findall(sql) == [name]
        assert re.search(rf"CREATE OR REPLACE FUNCTION {name}\(", sql)
    for migration in load_migrations():
        if migration.version > LAST_INLINE_DEFINITION:
            redefined = set(_CREATE_FUNCTION.findall(migration.sql)) & names
            assert not redefined, f"{migration.name} defines {redefined}: edit functions/ instead"
