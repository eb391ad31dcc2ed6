"""Several dashboard processes behind nginx, each browser kept on one process by a cookie.

`python -m sp_data.tools.cluster [N] [--port P]` (or `./dev serve-many`) starts N `streamlit run app.py`
processes on free loopback ports and Debian's nginx in front of them, as the current user, with its
configuration, logs and temporary files in a folder of its own. Open-source nginx has no `sticky cookie`,
so the upstream is chosen by a consistent hash of the `sp_backend` cookie: a browser's first request (the
page) has none, is hashed on its request id, and the response sets the cookie to that id; every later
request of that browser (the websocket, media, downloads, uploads) carries it and reaches the same
process. Stickiness by client address would put every user behind one address (a firewall, loopback in
the tests) on one process. All processes read the same snapshots folder, read-only.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sp_data.tools.bench.browser import _free_port, _wait_for, serve
from sp_data.tools.bench.load import open_deep_link

COOKIE = "sp_backend"
INSTALL_HINT = ("nginx is not installed: install Debian's package (sudo apt-get install nginx; the system "
                "service need not run), or set SP_NGINX to the nginx program")


def nginx_program() -> str | None:
    """The nginx program: $SP_NGINX, else nginx on the PATH, else Debian's /usr/sbin/nginx (None: not installed)."""
    for candidate in (os.environ.get("SP_NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def nginx_config(prefix: Path, port: int, backends: list[int], address: str = "127.0.0.1") -> str:
    """nginx.conf for a proxy on address:port in front of these loopback ports, every file under prefix."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in backends)
    return f"""# Written by sp_data.tools.cluster; runs as the current user, everything under {prefix}.
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format sp '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                  'cookie=$cookie_{COOKIE} backend=$upstream_addr $request_time';
    access_log {prefix}/access.log sp;
    # Uploads up to Streamlit's server.maxUploadSize (50 MB in .streamlit/config.toml) and a margin.
    client_max_body_size 64m;
    # Never buffer a response to disk: run as root, nginx's workers are "nobody", who cannot enter this
    # private folder; a slow browser then gets the response as fast as it reads it, straight from its process.
    proxy_max_temp_file_size 0;

    # Per browser, not per address: a browser without the cookie is placed by its first request's id,
    # and that id becomes its cookie, so all its later requests hash to the same process.
    map $cookie_{COOKIE} $sp_key {{
        ""      $request_id;
        default $cookie_{COOKIE};
    }}
    # The cookie is set only on a response to a request that came without one (an empty value adds no header).
    map $cookie_{COOKIE} $sp_set_cookie {{
        ""      "{COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}
    map $http_upgrade $sp_connection {{
        default upgrade;
        ""      "";
    }}
    upstream sp_dashboard {{
        hash $sp_key consistent;
{servers}
        keepalive 16;
    }}
    server {{
        listen {address}:{port};
        add_header Set-Cookie $sp_set_cookie always;
        add_header X-SP-Backend $upstream_addr always;
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Connection $sp_connection;

        # A session's websocket: kept open as long as the tab is.
        location = /_stcore/stream {{
            proxy_pass http://sp_dashboard;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
        }}
        # Everything else (the page, /_stcore/*, /media/*, uploads, /app/static/*) by the same cookie.
        location / {{
            proxy_pass http://sp_dashboard;
            proxy_read_timeout 300s;
            proxy_request_buffering off;
        }}
    }}
}}
"""


@dataclass
class Cluster:
    """A running proxy (url) and its processes."""

    url: str
    backends: list[tuple[int, subprocess.Popen]]
    nginx: subprocess.Popen
    prefix: Path
    config: Path = field(repr=False)


def _nginx_command(program: str, prefix: Path, conf: Path) -> list[str]:
    # -e: the error log from the start, before the configuration is read (never /var/log/nginx).
    return [program, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]


def check_config(prefix: Path, conf: Path, program: str | None = None) -> None:
    """`nginx -t` on a configuration file; RuntimeError with nginx's words if it is refused."""
    program = program or nginx_program()
    if program is None:
        raise RuntimeError(INSTALL_HINT)
    done = subprocess.run(_nginx_command(program, prefix, conf) + ["-t", "-q"], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"nginx refused the configuration: {done.stderr.strip()}")


# The first view of these pages on a process imports what they draw with and loads the snapshot (one to two
# seconds each), which the first browsers sent to it would otherwise wait for.
WARM_UP = (("overview", ""), ("profile", "state=IRN"))


def warm(url: str) -> None:
    """Open the heaviest pages once on a process, before nginx sends it anyone."""
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    for page, query in WARM_UP:
        asyncio.run(open_deep_link(stream, page, query))


@contextlib.contextmanager
def cluster(processes: int, env: dict, port: int | None = None, log_dir: Path | None = None,
            address: str = "127.0.0.1") -> Iterator[Cluster]:
    """N dashboard processes with these environment variables and nginx in front on address:port
    (127.0.0.1, or 0.0.0.0: every interface)."""
    program = nginx_program()
    if program is None:
        raise RuntimeError(INSTALL_HINT)
    if processes < 1:
        raise ValueError("at least one process")
    # Streamlit's own signed cookies must verify on whichever process a request reaches.
    shared = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": shared, **env}
    with contextlib.ExitStack() as stack:
        prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sp-cluster-")))
        backends: list[tuple[int, subprocess.Popen]] = []
        for i in range(processes):
            log_path = Path(log_dir) / f"backend-{i + 1}.log" if log_dir else None
            url, proc = stack.enter_context(serve(env, log_path=log_path))
            backends.append((int(url.rsplit(":", 1)[1]), proc))
            warm(url)
        port = port or _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(prefix, port, [p for p, _ in backends], address))
        nginx_out = stack.enter_context(open(prefix / "nginx.out", "w"))
        nginx = subprocess.Popen(_nginx_command(program, prefix, conf) + ["-g", "daemon off;"],
                                 stdout=nginx_out, stderr=subprocess.STDOUT)

        def stop_nginx():
            nginx.terminate()
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
            if log_dir:  # the proxy's logs outlive its temporary folder
                for name in ("error.log", "access.log"):
                    if (prefix / name).exists():
                        shutil.copy(prefix / name, Path(log_dir) / f"nginx-{name}")

        stack.callback(stop_nginx)
        try:
            # The pid file is written once nginx listens (answering alone could be another program on the port).
            deadline = time.monotonic() + 15
            while not (prefix / "nginx.pid").exists() and nginx.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            _wait_for(port, nginx, seconds=max(0.1, deadline - time.monotonic()))
            if nginx.poll() is not None:
                raise RuntimeError
        except RuntimeError:
            lines = (prefix / "error.log").read_text().splitlines() if (prefix / "error.log").exists() else []
            said = list(dict.fromkeys(line.split("] ", 1)[-1] for line in lines))[-3:]  # nginx repeats itself
            raise RuntimeError(f"nginx did not start on port {port}: " + "; ".join(said)) from None
        yield Cluster(f"http://127.0.0.1:{port}", backends, nginx, prefix, conf)


def main(argv: list[str] | None = None) -> int:
    """The `serve-many` command: start, print the address and the processes, stop everything on Ctrl+C."""
    parser = argparse.ArgumentParser(prog="serve-many", description="Several dashboard processes behind nginx.")
    parser.add_argument("processes", nargs="?", type=int, default=os.cpu_count() or 2,
                        help="how many dashboard processes (default: the number of cores)")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port (default 8501)")
    parser.add_argument("--local", action="store_true",
                        help="the proxy listens on 127.0.0.1 only (default: every interface, as `./dev serve`); the "
                             "dashboard processes always listen on 127.0.0.1 only")
    parser.add_argument("--log-dir", type=Path, default=None, help="keep each process's and nginx's log here")
    args = parser.parse_args(argv)
    if nginx_program() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started with SIGINT ignored (in the background of a script)
    if args.log_dir:
        args.log_dir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Starting {args.processes} dashboard processes and nginx…", flush=True)
        address = "127.0.0.1" if args.local else "0.0.0.0"
        with cluster(args.processes, {}, port=args.port, log_dir=args.log_dir, address=address) as c:
            print(f"The dashboard: {c.url}", flush=True)
            for p, proc in c.backends:
                print(f"  process {proc.pid} on 127.0.0.1:{p}", flush=True)
            print("Ctrl+C stops everything.", flush=True)
            gone: set[int] = set()
            while True:
                if c.nginx.poll() is not None:
                    said = (c.prefix / "error.log").read_text().strip().splitlines()[-3:]
                    print("nginx stopped: " + " / ".join(said), file=sys.stderr)
                    return 1
                for p, proc in c.backends:
                    if proc.poll() is not None and p not in gone:
                        gone.add(p)
                        print(f"the process on port {p} stopped (exit {proc.returncode}); nginx sends its users to "
                              "another", file=sys.stderr)
                time.sleep(1)
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
        return 0
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
