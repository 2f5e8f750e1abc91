"""A long-lived LibreOffice converting .docx to PDF one request at a time (run by
:class:`tdkt.documents.converter.PdfConverter`, never imported by tdkt).

It runs under the system's Python, the one with LibreOffice's ``uno`` module (Debian's
``python3-uno``), with unoserver's converter on its path: it starts ``soffice`` listening on a
local port with a profile of its own, connects to it, says ``{"ready": …}`` on stdout, then
reads one JSON request a line on stdin (``{"in": path, "out": path, "options": [...]}``) and
answers one JSON line each. End of stdin (the owner stopped, or died) ends LibreOffice and it.
"""

import json
import subprocess
import sys
import time


def main() -> int:
    soffice, port, profile = sys.argv[1:4]
    office = subprocess.Popen([
        soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo", "--nofirststartwizard",
        "--norestore", f"-env:UserInstallation={profile}",
        f"--accept=socket,host=127.0.0.1,port={port},tcpNoDelay=1;urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from unoserver.converter import UnoConverter  # type: ignore[import-untyped]

        deadline = time.monotonic() + 60
        while True:
            try:
                converter = UnoConverter("127.0.0.1", port)
                break
            except Exception as err:  # NoConnectException while LibreOffice starts
                if office.poll() is not None or time.monotonic() > deadline:
                    print(json.dumps({"ready": False, "error": f"LibreOffice did not start: {err}"}), flush=True)
                    return 1
                time.sleep(0.1)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                converter.convert(inpath=request["in"], outpath=request["out"], convert_to="pdf",
                                  filter_options=request.get("options", []))
                reply: dict[str, object] = {"ok": True}
            except Exception as err:  # the owner reports it, with the file's name
                reply = {"ok": False, "error": f"{type(err).__name__}: {err}"}
            print(json.dumps(reply), flush=True)
        return 0
    finally:
        office.terminate()
        try:
            office.wait(15)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    sys.exit(main())
