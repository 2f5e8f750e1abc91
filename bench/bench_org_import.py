"""Importing a staff file of 5,000 people (tệp cơ cấu tổ chức): the workbook read, every row
checked, all of it written in one transaction — then the same file again (nothing changes) and
its export.

Target (ours; DESIGN.md sets none): a 5,000-person file checked and imported in ≤ 30 s, imported
again in ≤ 15 s. Usage: uv run python bench/bench_org_import.py [--people 5000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_support import bench_settings, prepare_postgres

from tdkt.domain.organisation import CouncilRow, Organisation, PersonRow, RoleRow, UnitRow
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise
from tdkt.services.people.accounts import create_admin
from tdkt.services.people.organisation import export_staff_file, import_staff_file
from tdkt.services.people.staff_file import write_staff_file

TARGET_S = {"import": 30.0, "again": 15.0}
UNITS = 40


def organisation(people: int) -> Organisation:
    org = Organisation(units=[UnitRow(2, "SO", "Sở Thử nghiệm tỉnh Bắc Kạn", "Cơ quan", None, "STN", people,
                                      "UBND tỉnh Bắc Kạn", "Bắc Kạn", "Giám đốc")])
    org.units += [UnitRow(3 + u, f"P{u:02d}", f"Phòng số {u + 1}", "Phòng", "SO", f"P{u:02d}", people // UNITS)
                  for u in range(UNITS)]
    for n in range(people):
        unit = f"P{n % UNITS:02d}"
        org.people.append(PersonRow(2 + n, f"nguoi.{n:05d}", f"Nguyễn Thị Thuỷ {n}", "nu" if n % 2 else "nam",
                                    date(1970 + n % 30, 1 + n % 12, 1 + n % 28), "Chuyên viên", unit,
                                    f"nguoi.{n:05d}@so.backan.gov.vn"))
        if n < UNITS:
            org.roles.append(RoleRow(len(org.roles) + 2, f"nguoi.{n:05d}", "Cán bộ đơn vị", unit))
    org.roles += [RoleRow(len(org.roles) + 2, "nguoi.00000", "Thủ trưởng cơ quan", "SO"),
                  RoleRow(len(org.roles) + 3, "nguoi.00001", "Văn phòng (thẩm định)", "SO")]
    org.councils = [CouncilRow(2, "SO", "nguoi.00000", "Chủ tịch"),
                    CouncilRow(3, "SO", "nguoi.00002", "Ủy viên, Thư ký"),
                    CouncilRow(4, "SO", "nguoi.00003", "Ủy viên")]
    return org


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if url.startswith("postgresql"):
            prepare_postgres(url)
        rt = Runtime(bench_settings(database_url=url, var_dir=Path(tmp) / "var"))
        initialise(rt)
        create_admin(rt, "admin", "Quản trị", "mat-khau-bench-2026")
        started = time.perf_counter()
        data = write_staff_file(organisation(args.people))
        written = time.perf_counter() - started
        started = time.perf_counter()
        report = import_staff_file(rt, "admin", data)
        first = time.perf_counter() - started
        assert report.ok, report.problems[:5]
        started = time.perf_counter()
        again = import_staff_file(rt, "admin", export_staff_file(rt))
        second = time.perf_counter() - started
        assert again.ok and not again.people_changed and not again.roles_added
        backend = url.split(":")[0].split("+")[0]
        print(f"backend: {backend}, people: {args.people}, units: {UNITS + 1}, file: {len(data) / 1e6:.1f} MB "
              f"(written in {written:.1f} s)")
        print(f"import (read, check, write): {first:.1f} s — target ≤ {TARGET_S['import']:.0f} s, "
              f"ratio {first / TARGET_S['import']:.2f}")
        print(f"export + import again (nothing changes): {second:.1f} s — target ≤ {TARGET_S['again']:.0f} s, "
              f"ratio {second / TARGET_S['again']:.2f}")
        rt.close()


if __name__ == "__main__":
    main()
