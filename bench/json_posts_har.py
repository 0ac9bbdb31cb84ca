"""Writes a HAR of JSON POSTs for the benchmarks, streaming, one entry per line.

Usage from a bench script: python3 bench/json_posts_har.py N OUT.har MODE
  MODE import: five hosts, one request in 50 sends the planted search "purple elephant 4921";
  MODE report: five hosts, every request sends one of 20 planted searches in its URL and its body.
"""
import json
import sys

HOSTS = {
    "import": ["tracking.intl.miui.com", "www.google-analytics.com", "graph.facebook.com", "api.mixpanel.com", "example.org"],
    "report": ["tracking.intl.miui.com", "www.google-analytics.com", "graph.facebook.com", "api.mixpanel.com",
               "sa.api.intl.miui.com"],
}


def request(mode, i):
    """The URL, the JSON body and the start time of request i."""
    host = HOSTS[mode][i % 5]
    if mode == "import":
        q = "purple+elephant+4921" if i % 50 == 0 else "x%d" % i
        return ("https://%s/c?i=%d&q=%s" % (host, i, q), {"event": "view", "seq": i, "screen": "Main", "q": q},
                "2020-04-21T09:%02d:%02d.000Z" % ((i // 60) % 60, i % 60))
    q = "purple elephant %d" % (4900 + i % 20)
    return ("https://%s/c?i=%d&q=%s" % (host, i, q.replace(" ", "+")), {"event": "search", "seq": i, "props": {"query": q}},
            "2020-04-21T%02d:%02d:%02d.000Z" % (9 + (i // 3600) % 10, (i // 60) % 60, i % 60))


def main():
    n, path, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    with open(path, "w") as f:
        f.write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[\n')
        for i in range(n):
            url, payload, started = request(mode, i)
            body = json.dumps(payload)
            e = {"startedDateTime": started, "time": 1,
                 "request": {"method": "POST", "url": url, "httpVersion": "HTTP/1.1",
                             "headers": [{"name": "Content-Type", "value": "application/json"},
                                         {"name": "User-Agent", "value": "bench/1"}],
                             "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(body),
                             "postData": {"mimeType": "application/json", "text": body}},
                 "response": {"status": 204, "statusText": "", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                              "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
                 "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}
            f.write(("," if i else "") + json.dumps(e) + "\n")
        f.write("]}}\n")


if __name__ == "__main__":
    main()
