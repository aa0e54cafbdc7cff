"""`make cluster`: the production shape of docs/deploy.md on this one machine, for trying and for `make bench-load`.

A throw-away PostgreSQL (initdb in a temporary directory, its own port), a Redis of its own (its own port, no
persistence), two web nodes (`ocop serve`, gunicorn), two workers (`ocop worker`) and nginx in front (its own
config, pid and log files in the same directory; TLS with a self-signed certificate, since production cookies are
Secure), serving the collected static files and balancing the two nodes. The national data set of the
benchmarks (`bench/national_data.py`, realistic names) plus the Bình Phước demo (its accounts, its council
session halfway through scoring) are loaded first.

    .venv/bin/python bench/cluster.py                 # CLUSTER_SCALE=0.5 (the country) unless --scale
    .venv/bin/python bench/cluster.py --scale 0.05    # a quick look

Ctrl-C (or SIGTERM) stops everything it started, by process id, in reverse order, and removes the directory.

Health checks: open-source nginx only has passive ones (`max_fails`/`fail_timeout` on each upstream server and
`proxy_next_upstream` to retry an idempotent request on the other node when one refuses or dies); active checks
are an NGINX Plus feature. `/readyz` is for monitoring (and for an HAProxy `option httpchk` where one is used).
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # national_data

WEB_NODES = 2
WORKERS = 2
GUNICORN_WORKERS = 3  # per node: 2 nodes × 3 on 2 shared cores
DEFAULT_SCALE = 0.5  # Scale() is twice the country (40,000 products); 0.5 ≈ the country's 18,000
STATE_FILE = Path(tempfile.gettempdir()) / f"ocop-cluster-{os.getuid()}.json"  # found by `make bench-load`
PG_USER = "postgres"  # the server refuses to run as root; run as this system user then
NGINX_PACKAGE = "nginx-light"


def say(message: str) -> None:
    print(f"[cluster {datetime.datetime.now(datetime.UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} within {seconds:.0f} s")


def nginx_binary() -> str:
    """nginx from Debian's packages; installed here when missing and we are root, else stop with the command."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"nginx is missing: apt-get install -y {NGINX_PACKAGE}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", NGINX_PACKAGE], check=True, env=env)
        return "/usr/sbin/nginx"
    sys.exit(f"nginx is needed. Install it first, as root: apt-get install -y {NGINX_PACKAGE}")


@dataclass
class Ports:
    proxy: int = field(default_factory=free_port)
    postgres: int = field(default_factory=free_port)
    redis: int = field(default_factory=free_port)
    web: list[int] = field(default_factory=lambda: [free_port() for _ in range(WEB_NODES)])


@dataclass
class State:
    """What `make bench-load` needs to use (and hurt) a running cluster; written to STATE_FILE."""

    directory: str
    url: str
    database_url: str
    redis_url: str
    ports: dict[str, Any]
    pids: dict[str, Any]
    env: dict[str, str]
    scale: float
    owner_pid: int
    restarts: list[str]


class Cluster:
    """Start with `up()`, stop with `down()`; every process is kept by name so faults can hit one of them."""

    def __init__(self, directory: Path, scale: float) -> None:
        self.dir = directory
        self.scale = scale
        self.ports = Ports()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = directory / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.pgdata = directory / "pgdata"
        self.url = f"https://127.0.0.1:{self.ports.proxy}"
        self.database_url = f"postgres://postgres@127.0.0.1:{self.ports.postgres}/ocop"
        self.redis_url = f"redis://127.0.0.1:{self.ports.redis}/0"
        self.env = self._environment()
        self.lock = threading.RLock()
        self.restarts: list[str] = []  # what the supervisor restarted, as systemd's Restart=always would
        self._supervising = threading.Event()

    # ------------------------------------------------------------ environment

    def _environment(self) -> dict[str, str]:
        """Production settings, as docs/deploy.md prescribes them behind a proxy."""
        return {
            "DJANGO_SETTINGS_MODULE": "ocop.settings",
            "OCOP_MODE": "production",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "OCOP_BEHIND_PROXY": "1",  # nginx sets X-Forwarded-For and X-Forwarded-Proto
            "OCOP_PROXY_COUNT": "1",
            "DATABASE_URL": self.database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis_url,  # honoured once the app reads it (issue 13 §1); harmless before
            "OCOP_DATA_DIR": str(self.dir / "data"),
            "STATIC_ROOT": str(self.dir / "static"),
            "MEDIA_ROOT": str(self.dir / "media"),
            "OCOP_WORKER_LOST_AFTER": "30",  # a killed worker's job is settled within half a minute here
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    def ocop(self) -> list[str]:
        ocop = Path(sys.executable).with_name("ocop")
        return [str(ocop)] if ocop.exists() else [sys.executable, "-m", "ocop.cli"]

    def _spawn(self, name: str, command: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us only; we stop them in order, by pid
            **kwargs,
        )  # fmt: skip
        log.close()
        self.processes[name] = process
        return process

    # ------------------------------------------------------------ PostgreSQL

    def _as_postgres(self) -> dict[str, Any]:
        return {"user": PG_USER, "group": PG_USER} if os.geteuid() == 0 else {}

    def init_postgres(self) -> None:
        self.pgdata.mkdir(mode=0o700)
        socket_dir = self.dir / "pgsock"
        socket_dir.mkdir()
        if os.geteuid() == 0:
            self.dir.chmod(0o755)  # mkdtemp makes it 0700: the postgres user must reach its subdirectories
            for path in (self.pgdata, socket_dir):
                shutil.chown(path, PG_USER, PG_USER)
        subprocess.run(
            ["initdb", "-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8"],
            check=True, stdout=subprocess.DEVNULL, **self._as_postgres(),
        )  # fmt: skip

    def start_postgres(self) -> None:
        command = [
            "postgres", "-D", str(self.pgdata), "-p", str(self.ports.postgres),
            "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.dir / 'pgsock'}",
            "-c", "max_connections=200", "-c", "shared_buffers=512MB", "-c", "work_mem=16MB",
            "-c", "maintenance_work_mem=256MB", "-c", "max_wal_size=2GB", "-c", "log_min_messages=warning",
        ]  # fmt: skip
        process = self._spawn("postgres", command, **self._as_postgres())
        wait_for_port(self.ports.postgres, 60, process)
        deadline = time.monotonic() + 30
        while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.ports.postgres)]).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not become ready")
            time.sleep(0.2)

    def stop_postgres(self) -> None:
        self._stop("postgres", signal.SIGINT)  # "fast shutdown": roll back open transactions, checkpoint

    def create_database(self) -> None:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.ports.postgres), "-U", "postgres", "ocop"], check=True
        )

    # ------------------------------------------------------------ Redis

    def start_redis(self) -> None:
        command = [
            "redis-server", "--port", str(self.ports.redis), "--bind", "127.0.0.1", "--save", "", "--appendonly",
            "no", "--daemonize", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru",
        ]  # fmt: skip
        wait_for_port(self.ports.redis, 20, self._spawn("redis", command))

    def stop_redis(self) -> None:
        self._stop("redis", signal.SIGTERM)

    # ------------------------------------------------------------ the data

    def load_data(self) -> None:
        """Migrate, national data set, the demo (accounts, a council session), catalogue, static files: in a
        child process, so this one holds no database connection while faults are played."""
        command = [sys.executable, str(Path(__file__)), "--load-only", "--scale", str(self.scale)]
        started = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, **self.env})
        say(f"data loaded in {time.perf_counter() - started:.0f}s")

    # ------------------------------------------------------------ web nodes, workers, proxy

    def start_web(self, index: int) -> None:
        port = self.ports.web[index]
        command = [
            *self.ocop(),
            "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(GUNICORN_WORKERS),
            "--access-logfile", "/dev/null", "--graceful-timeout", "10",
        ]  # fmt: skip
        process = self._spawn(f"web{index + 1}", command, env={**os.environ, **self.env})
        wait_for_port(port, 120, process)

    def start_worker(self, index: int) -> None:
        self._spawn(f"worker{index + 1}", [*self.ocop(), "worker"], env={**os.environ, **self.env})

    def write_nginx_config(self) -> Path:
        nginx_dir = self.dir / "nginx"
        (nginx_dir / "tmp").mkdir(parents=True, exist_ok=True)
        cert, key = nginx_dir / "cert.pem", nginx_dir / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        upstreams = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in self.ports.web
        )
        tmp = nginx_dir / "tmp"
        config = f"""# Written by bench/cluster.py for one cluster run; not the system's nginx.
worker_processes 1;
pid {nginx_dir / "nginx.pid"};
error_log {self.logs / "nginx-error.log"} warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_max_body_size 50m;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml application/geo+json;

    # Passive health checks: a node that fails twice in 10 s is left out for 10 s; a request it refused or
    # dropped (connection error, timeout, 502/504) goes to the other node when it is safe to repeat (nginx
    # never retries a POST that reached a node: non_idempotent is not set). Not 503: that is the app's own
    # "database unavailable" page, which the other node would give too, and counting it as a node failure
    # would leave no live node at all ("no live upstreams", 502) for the time of a database restart.
    upstream ocop {{
{upstreams}
        keepalive 32;
    }}

    server {{
        listen 127.0.0.1:{self.ports.proxy} ssl;
        http2 off;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_session_cache shared:SSL:10m;

        location /static/ {{
            alias {self.dir / "static"}/;
            expires 30d;
            add_header Cache-Control "public, immutable";
        }}
        location / {{
            proxy_pass http://ocop;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
            proxy_next_upstream error timeout http_502 http_504;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""
        if "http2 off;" in config and _nginx_version() < (1, 25, 1):
            config = config.replace("        http2 off;\n", "")  # the directive is newer than Debian 12's nginx
        path = nginx_dir / "nginx.conf"
        path.write_text(config)
        return path

    def start_nginx(self) -> None:
        config = self.write_nginx_config()
        binary = nginx_binary()
        subprocess.run([binary, "-t", "-q", "-c", str(config)], check=True)
        wait_for_port(self.ports.proxy, 20, self._spawn("nginx", [binary, "-c", str(config)]))

    # ------------------------------------------------------------ whole cluster

    def up(self, load: bool = True) -> None:
        nginx_binary()  # fail early, before minutes of data loading
        say(f"PostgreSQL on port {self.ports.postgres} (initdb in {self.pgdata})")
        self.init_postgres()
        self.start_postgres()
        self.create_database()
        say(f"Redis on port {self.ports.redis}")
        self.start_redis()
        if load:
            say(f"loading data (scale {self.scale:g}: national data set + demo accounts)…")
            self.load_data()
        for index in range(WEB_NODES):
            say(f"web node {index + 1}: ocop serve on port {self.ports.web[index]}")
            self.start_web(index)
        for index in range(WORKERS):
            say(f"worker {index + 1}: ocop worker")
            self.start_worker(index)
        say(f"nginx on port {self.ports.proxy}")
        self.start_nginx()
        self.wait_ready()
        self.write_state()
        self.supervise()

    def wait_ready(self) -> None:
        import ssl

        context = ssl._create_unverified_context()  # our own self-signed certificate
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5, context=context) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the proxy did not answer /robots.txt within 60 s")
            time.sleep(0.5)

    def pids(self) -> dict[str, int]:
        with self.lock:
            return {name: p.pid for name, p in self.processes.items()}

    def state(self) -> State:
        return State(
            directory=str(self.dir), url=self.url, database_url=self.database_url, redis_url=self.redis_url,
            ports=asdict(self.ports), pids={name: p.pid for name, p in self.processes.items()}, env=self.env,
            scale=self.scale, owner_pid=os.getpid(), restarts=list(self.restarts),
        )  # fmt: skip

    def write_state(self) -> None:
        STATE_FILE.write_text(json.dumps(asdict(self.state()), indent=1))
        STATE_FILE.chmod(0o600)  # it holds the SECRET_KEY

    def _stop(self, name: str, sig: signal.Signals = signal.SIGTERM, wait: float = 30) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def supervise(self) -> None:
        """Restart a web node or worker that exits by itself (what systemd does with Restart=always, as
        docs/deploy.md runs them): a worker exits when the database goes away, for one."""
        self._supervising.set()

        def loop() -> None:
            while self._supervising.is_set():
                time.sleep(1)
                with self.lock:
                    for name, process in list(self.processes.items()):
                        if not name.startswith(("web", "worker")) or process.poll() is None:
                            continue
                        say(f"{name} (pid {process.pid}) exited with {process.returncode}: restarting it")
                        self.restarts.append(
                            f"{datetime.datetime.now(datetime.UTC):%H:%M:%S} {name} ({process.returncode})"
                        )
                        self.processes.pop(name)
                        try:
                            self.act(f"start {name}")
                        except Exception as error:  # tried again on the next round
                            say(f"{name} could not be restarted yet: {error!r}")

        threading.Thread(target=loop, daemon=True, name="supervisor").start()

    def kill(self, name: str) -> int:
        """kill -9, as a crash would; the process stays out until started again."""
        with self.lock:
            process = self.processes.pop(name)
        pid = process.pid
        # The whole process group (each child starts its own session): gunicorn's workers die with their
        # master, as on a crashed machine; killing the master alone leaves them serving on the port.
        with suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        process.wait()
        return pid

    def act(self, action: str) -> str:
        """One fault or repair by name (what `make bench-load` plays): "kill web1", "start web1", "kill worker2",
        "start worker2", "stop postgres", "start postgres", "stop redis", "start redis". Returns a pid or ""."""
        verb, name = action.split()
        with self.lock:
            return self._act(verb, name)

    def _act(self, verb: str, name: str) -> str:
        if verb == "kill":
            return str(self.kill(name))
        if verb == "stop":
            (self.stop_postgres if name == "postgres" else self.stop_redis)()
            return ""
        if name == "postgres":
            self.start_postgres()
        elif name == "redis":
            self.start_redis()
        elif name.startswith("web"):
            self.start_web(int(name[3:]) - 1)
        elif name.startswith("worker"):
            self.start_worker(int(name[6:]) - 1)
        else:
            raise ValueError(f"{verb} {name}")
        self.write_state()
        return str(self.processes[name].pid)

    def serve_control(self) -> None:
        """Act on a request another process (bench/load.py reusing this cluster) left in control.request."""
        request = self.dir / "control.request"
        if not request.exists():
            return
        asked = json.loads(request.read_text())
        request.unlink()
        try:
            answer = {"id": asked["id"], "ok": True, "result": self.act(asked["action"])}
        except Exception as error:  # reported to the asking process, which fails with it
            answer = {"id": asked["id"], "ok": False, "result": repr(error)}
        done = self.dir / "control.done.tmp"
        done.write_text(json.dumps(answer))
        done.replace(self.dir / "control.done")

    def down(self) -> None:
        self._supervising.clear()
        with self.lock:
            self._down()

    def _down(self) -> None:
        """nginx first, then the nodes and workers together (SIGTERM: a worker finishes its job), then the stores."""
        self._stop("nginx", signal.SIGQUIT)
        apps = [n for n in self.processes if n.startswith(("web", "worker"))]
        for name in apps:
            if self.processes[name].poll() is None:
                self.processes[name].send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        for name in apps:
            process = self.processes.pop(name)
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with suppress(ProcessLookupError, PermissionError):  # its group's leftovers (a killed master's workers)
                os.killpg(process.pid, signal.SIGKILL)
        self._stop("redis")
        self.stop_postgres()
        for name in list(self.processes):
            self._stop(name)
        if STATE_FILE.exists():
            try:
                if json.loads(STATE_FILE.read_text()).get("owner_pid") == os.getpid():
                    STATE_FILE.unlink()
            except (OSError, ValueError):
                pass


@contextmanager
def running_cluster(scale: float, keep: bool = False) -> Iterator[Cluster]:
    """A cluster for the time of a `with` block; its directory removed afterwards unless keep."""
    directory = Path(tempfile.mkdtemp(prefix="ocop-cluster-"))
    cluster = Cluster(directory, scale)
    try:
        cluster.up()
        yield cluster
    finally:
        say("stopping…")
        cluster.down()
        if keep:
            say(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


class RemoteCluster:
    """A cluster started by `make cluster` in another terminal, driven through its control files."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.dir = Path(state["directory"])
        self.url = state["url"]
        self.env = state["env"]
        self.scale = state["scale"]
        self.state = state

    def act(self, action: str) -> str:
        asked = {"id": secrets.token_hex(8), "action": action}
        (self.dir / "control.request.tmp").write_text(json.dumps(asked))
        (self.dir / "control.request.tmp").replace(self.dir / "control.request")
        done = self.dir / "control.done"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if done.exists():
                answer = json.loads(done.read_text())
                if answer["id"] == asked["id"]:
                    done.unlink()
                    if not answer["ok"]:
                        raise RuntimeError(f"{action}: {answer['result']}")
                    return str(answer["result"])
            time.sleep(0.1)
        raise RuntimeError(f"the cluster did not do {action!r} within 180 s")

    def pids(self) -> dict[str, int]:
        return dict(json.loads(STATE_FILE.read_text())["pids"])

    @property
    def restarts(self) -> list[str]:
        return list(json.loads(STATE_FILE.read_text()).get("restarts", []))


def running_elsewhere() -> dict[str, Any] | None:
    """The state of a cluster `make cluster` keeps running, if any (its process alive)."""
    try:
        state = json.loads(STATE_FILE.read_text())
        os.kill(int(state["owner_pid"]), 0)
    except (OSError, ValueError, KeyError):
        return None
    return dict(state)


def _nginx_version() -> tuple[int, ...]:
    out = subprocess.run([nginx_binary(), "-v"], capture_output=True, text=True).stderr
    digits = out.strip().rsplit("/", 1)[-1].split()[0]
    return tuple(int(part) for part in digits.split(".") if part.isdigit())


# ---------------------------------------------------------------- data loading (child process)


def load_only(scale: float) -> None:
    """Runs inside the cluster's environment (called by Cluster.load_data)."""
    import django
    from django.core.management import call_command

    import national_data

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    summary = national_data.generate(national_data.Scale().scaled(scale), names="realistic")
    say(f"national data: {summary.line()} in {summary.seconds:.0f}s; demo…")
    from ocop.market.models import CommuneStatus
    from ocop.places.choices import MapVersion

    # The demo writes new-rural statuses of its own for Bình Phước's old communes (old province 70): the
    # generated ones there would collide with them (one status per commune, year and level).
    CommuneStatus.objects.filter(unit__map=MapVersion.LEGACY, unit__parent__parent__code="70").delete()
    call_command("demo", verbosity=0)  # its accounts and a council session halfway through scoring
    from django.db import connection

    from ocop.portal import catalogue

    entries = catalogue.rebuild(datetime.date.today())
    say(f"catalogue: {entries:,} entries; VACUUM ANALYZE, collectstatic…")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    call_command("collectstatic", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("CLUSTER_SCALE", DEFAULT_SCALE)))
    parser.add_argument("--keep", action="store_true", help="keep the cluster's directory (logs) afterwards")
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_only:
        load_only(args.scale)
        return 0
    stop = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background (SIG_IGN)
    try:
        with running_cluster(args.scale, keep=args.keep) as cluster:
            state = cluster.state()
            print(f"\nOCOP cluster ready: {cluster.url}/  (self-signed certificate)", flush=True)
            print(f"  nginx {state.ports['proxy']} → web nodes {state.ports['web']}, 2 workers", flush=True)
            print(f"  PostgreSQL {cluster.database_url}   Redis {cluster.redis_url}", flush=True)
            print(f"  accounts: admin, tinh, xa, coso, hd_thanhvien1… (demo password); logs in {cluster.logs}")
            print("  Ctrl-C stops everything.", flush=True)
            while not stop:
                time.sleep(0.2)
                cluster.serve_control()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
