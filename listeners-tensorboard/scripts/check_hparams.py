"""Asks a real TensorBoard what its HPARAMS dashboard shows for a logdir written by metarl's listener.

    python check_hparams.py LOGDIR [METRIC ...]

Needs the `tensorboard` package (TensorFlow is not needed). Starts `tensorboard --logdir LOGDIR` on a
free local port, posts the dashboard's own requests (/data/plugin/hparams/experiment and
/session_groups), prints the hyperparameter and metric columns and every session group with its
sessions, status and the given metrics (default: final/mean_return_last_100 and the eval/*/mean_return
metrics), then stops the server. Exit status 1 if TensorBoard lists no session.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request


def post(port, route, body):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/data/plugin/hparams/{route}", json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "X-XSRF-Protected": "1"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def main():
    logdir = sys.argv[1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tb = os.path.join(os.path.dirname(sys.executable), "tensorboard")
    server = subprocess.Popen([tb if os.path.exists(tb) else "tensorboard", "--logdir", logdir, "--port", str(port),
                               "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        exp = None
        for _ in range(120):
            try:
                exp = post(port, "experiment", {"experimentName": ""})
                if exp.get("hparamInfos"):
                    break
            except OSError:
                pass
            time.sleep(0.5)
        if not exp or not exp.get("hparamInfos"):
            print("TensorBoard shows no hyperparameters for", logdir)
            return 1
        metrics = [m["name"]["tag"] for m in exp.get("metricInfos", [])]
        wanted = sys.argv[2:] or [m for m in metrics if m == "final/mean_return_last_100"
                                  or (m.startswith("eval/") and m.endswith("/mean_return"))]
        print(f"tensorboard: {len(exp['hparamInfos'])} hyperparameters, {len(metrics)} metrics")
        groups = post(port, "session_groups", {
            "experimentName": "", "aggregationType": "AGGREGATION_AVG", "startIndex": 0, "sliceSize": 1000,
            "allowedStatuses": ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"],
            "colParams": [{"metric": {"group": "", "tag": m}} for m in metrics]})
        sessions = 0
        for g in groups.get("sessionGroups", []):
            avg = {mv["name"]["tag"]: mv["value"] for mv in g.get("metricValues", [])}
            print(f"group '{g['name']}': " + ", ".join(f"{m} {avg[m]:.2f}" for m in wanted if m in avg) + " (mean)")
            for s in g["sessions"]:
                sessions += 1
                vals = {mv["name"]["tag"]: mv["value"] for mv in s.get("metricValues", [])}
                print(f"  session {s['name']}: {s.get('status', 'STATUS_UNKNOWN')}, "
                      + ", ".join(f"{m} {vals[m]:.2f}" for m in wanted if m in vals))
        return 0 if sessions else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
