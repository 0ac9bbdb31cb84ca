# The string pools androguard reads in an APK: resources.arsc's global pool and each binary XML file's pool,
# as JSON {entry name: [strings]}. The oracle of ResourceStringsTest; run with the Python androguard is installed for.
# The table's pool is read with androguard's own StringBlock, as its ARSCParser does, without the rest of its
# table parsing, which refuses the type specs of current aapt2 ("res1 must be zero").
import json
import sys
import zipfile

from androguard.core import bytecode
from androguard.core.bytecodes.axml import (ARSCHeader, AXMLParser, RES_STRING_POOL_TYPE, RES_TABLE_TYPE,
                                            StringBlock)


def table_pool(data):
    buff = bytecode.BuffHandle(data)
    table = ARSCHeader(buff, expected_type=RES_TABLE_TYPE)
    buff.set_idx(table.start + table.header_size)
    while buff.get_idx() <= table.end - ARSCHeader.SIZE:
        chunk = ARSCHeader(buff)
        if chunk.type == RES_STRING_POOL_TYPE:
            return StringBlock(buff, chunk)
        buff.set_idx(chunk.end)
    return None


pools = {}
with zipfile.ZipFile(sys.argv[1]) as apk:
    for name in apk.namelist():
        data = apk.read(name)
        if name == "resources.arsc":
            pool = table_pool(data)
        elif name.endswith(".xml") and data[:2] == b"\x03\x00":
            pool = AXMLParser(data).sb
        else:
            continue
        pools[name] = [pool.getString(i) for i in range(len(pool))] if pool is not None else None
print(json.dumps(pools))
