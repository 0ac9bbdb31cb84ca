#!/usr/bin/env python3
"""Writes capture.har: a reconstruction of the 2020 case, for the README's first command.

A browser session on a phone: the user visits pages and searches on Google and DuckDuckGo, part of
it in incognito mode, opens a folder in the file manager and swipes to the status bar and the
settings page. The phone's analytics SDK posts every event as data_list=base64(gzip(json)), the
way the researchers found it. The vendor's host names follow the public reports; their IP addresses
are picked from ranges that the bundled data places in AS45102 (Alibaba) in Singapore and in Russia,
as the reports described; the other sites are stand-ins; the payloads are written by us. Run it again after
changing it: the output is deterministic.
"""
import base64, gzip, json, urllib.parse

entries = []

def entry(t, method, url, headers, body=None, mime=None, ip=None, status=200, resp=""):
    req = {"method": method, "url": url, "httpVersion": "HTTP/1.1",
           "headers": [{"name": k, "value": v} for k, v in headers],
           "queryString": [{"name": k, "value": v} for k, v in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query)],
           "cookies": [], "headersSize": -1, "bodySize": len(body or "")}
    if body is not None:
        req["postData"] = {"mimeType": mime, "text": body}
    entries.append({"startedDateTime": "2020-04-21T" + t + "Z", "time": 120, "request": req,
                    "response": {"status": status, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [],
                                 "cookies": [], "content": {"size": len(resp), "mimeType": "text/html", "text": resp},
                                 "redirectURL": "", "headersSize": -1, "bodySize": len(resp)},
                    "cache": {}, "timings": {"send": 1, "wait": 100, "receive": 19},
                    **({"serverIPAddress": ip} if ip else {})})

UA = "Mozilla/5.0 (Linux; U; Android 10; Redmi K20 Pro) AppleWebKit/537.36 Mint Browser/3.4.3"
DEVICE = {"$os": "Android", "$model": "Redmi K20 Pro", "$manufacturer": "Xiaomi", "imei_md5": ""}

def sensors_post(t, host, ip, events):
    """The analytics SDK's wire format: a form whose data_list is base64(gzip(json array of events))."""
    raw = json.dumps(events, separators=(",", ":"), ensure_ascii=False).encode()
    packed = base64.b64encode(gzip.compress(raw, mtime=0)).decode()
    body = urllib.parse.urlencode({"crc": "-1433851032", "gzip": "1", "data_list": packed})
    entry(t, "POST", "https://" + host + "/sa?project=global_browser_mini", [("Host", host), ("User-Agent", UA),
          ("Content-Type", "application/x-www-form-urlencoded")], body, "application/x-www-form-urlencoded", ip)

def event(name, t, props):
    p = {"$lib": "Android", "$lib_version": "4.3.6", "$app_version": "12.1.3-g"}
    p.update(props)
    return {"type": "track", "event": name, "time": t, "distinct_id": "e3b1c4d2a9f04c11", "properties": p}

SG = ("tracking.intl.miui.com", "161.117.13.29")
SA = ("sa.api.intl.miui.com", "161.117.13.29")
RU = ("tracking.rus.miui.com", "185.218.176.10")

# 09:02 an ordinary search on Google: the search itself is expected, the copy to the SDK is a leak.
entry("09:02:11.104", "GET", "https://www.google.com/search?q=weather+in+bucharest&ie=UTF-8", [("Host", "www.google.com"), ("User-Agent", UA)], ip="142.250.185.68")
sensors_post("09:02:12.530", *SG, [event("browser_search", 1587459731, {"$url": "https://www.google.com/search?q=weather+in+bucharest&ie=UTF-8", "query": "weather in bucharest", "$screen_name": "com.android.browser.BrowserActivity"})])
# 09:04 a visit; the page's own requests are same-site; a third-party script gets it as Referer.
entry("09:04:40.001", "GET", "https://example.org/private/page-2231", [("Host", "example.org"), ("User-Agent", UA)], ip="93.184.215.14")
entry("09:04:40.310", "GET", "https://example.org/static/site.css", [("Host", "example.org"), ("Referer", "https://example.org/private/page-2231")], ip="93.184.215.14")
entry("09:04:40.512", "GET", "https://cdn.adnetwork.example/tag.js?cb=1187", [("Host", "cdn.adnetwork.example"), ("Referer", "https://example.org/private/page-2231")])
sensors_post("09:04:41.777", *SA, [event("$AppViewScreen", 1587460001, {"$url": "https://example.org/private/page-2231", "$title": "Private page", "$screen_name": "com.android.browser.BrowserActivity"})])
# 09:06 the file manager: the folder the user opened.
sensors_post("09:06:02.050", *SG, [event("folder_open", 1587460142, {"path": "/storage/emulated/0/DCIM/Holiday Bucharest 2020", "$screen_name": "com.android.fileexplorer.FileExplorerTabActivity"})])
# 09:10 to 09:20: incognito.
entry("09:11:05.123", "GET", "https://duckduckgo.com/?q=purple+elephant+4921&ia=web", [("Host", "duckduckgo.com"), ("User-Agent", UA)], ip="40.114.177.156")
sensors_post("09:11:06.402", *SG, [event("browser_search", 1587460266, {"$url": "https://duckduckgo.com/?q=purple+elephant+4921&ia=web", "query": "purple elephant 4921", "incognito": True})])
entry("09:13:30.888", "GET", "https://news.example.net/story/8841-protest-route", [("Host", "news.example.net"), ("User-Agent", UA)], ip="93.184.215.15")
sensors_post("09:13:31.950", *RU, [event("$AppViewScreen", 1587460411, {"$url": "https://news.example.net/story/8841-protest-route", "incognito": True})])
# 09:15 swipes: the status bar and the settings page, with the device's identifiers hashed.
imei_md5 = __import__("hashlib").md5(b"860461034812340").hexdigest()
sensors_post("09:15:10.015", *SG, [event("$AppViewScreen", 1587460510, {"$screen_name": "StatusBar", "imei_md5": imei_md5}),
                                  event("$AppViewScreen", 1587460514, {"$screen_name": "com.android.settings.Settings$WifiSettingsActivity", "imei_md5": imei_md5})])

har = {"log": {"version": "1.2", "creator": {"name": "telltale example (examples/xiaomi-2020/make_example.py)", "version": "1"},
               "pages": [], "entries": entries}}
with open("capture.har", "w") as f:
    json.dump(har, f, indent=1)
    f.write("\n")
