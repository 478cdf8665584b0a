#!/usr/bin/env python3
"""Edit a fasett .xlsx export in LibreOffice Calc as a user would, for trying the round trip.

Usage (Debian: apt-get install libreoffice-calc-nogui python3-uno; run with /usr/bin/python3):
    LC_ALL=sv_SE.UTF-8 /usr/bin/python3 scripts/calc_edit.py IN.xlsx OUT.xlsx

Opens IN.xlsx in a headless Calc through UNO, types "Pausad" into the Status cell of row 3
and "Sara Lind" into the Owner cell of row 9 (Swedish headers, as `fasett --lang sv export
--format xlsx` writes them), types a new row with a title and a follow-up date at the end,
and saves the workbook as OUT.xlsx with Calc's own Excel 2007 filter. Not run by CI.
"""
import sys, time, subprocess, uno
from com.sun.star.beans import PropertyValue

src, dst = sys.argv[1], sys.argv[2]
proc = subprocess.Popen(["soffice", "--headless", "--norestore", "--invisible",
    "-env:UserInstallation=file:///tmp/fasett-calc-profile",
    "--accept=socket,host=127.0.0.1,port=2202;urp;"])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2202;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
sheet = doc.Sheets.getByIndex(0)
headers = [sheet.getCellByPosition(c, 0).getString() for c in range(40)]
status = headers.index("Status"); owner = headers.index("Ägare"); title = headers.index("Titel"); follow = headers.index("Uppföljning")
# Row 3 (index 2): status typed as a Swedish user types it; row 9: a new owner.
sheet.getCellByPosition(status, 2).setFormula("Pausad")
sheet.getCellByPosition(owner, 8).setFormula("Sara Lind")
# A new row at the end, typed as a user would: a title and a follow-up date in Swedish form.
last = 1
while sheet.getCellByPosition(0, last).getString() != "":
    last += 1
sheet.getCellByPosition(title, last).setFormula("Ny idé från Calc")
sheet.getCellByPosition(follow, last).setFormula("2027-01-15")
print("follow-up cell type:", sheet.getCellByPosition(follow, last).getType().value, "value:", sheet.getCellByPosition(follow, last).getValue())
doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
proc.wait(timeout=60)
