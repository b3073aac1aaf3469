"""The Docker deployment, checked as far as it can be without a Docker engine:
docker-compose.yml, deploy/Dockerfile and deploy/entrypoint.sh against the
Procfile, the Makefile and the project's files."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from shared.settings import SERVICES as SETTINGS_SERVICES
from tests.support.suite import ROOT, read_procfile

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
PROCFILE = read_procfile()
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text()
# Redis holds only the gateway's short-lived rate-limit counts: no volume.
STATEFUL = {"postgres", "rabbitmq"}
INFRASTRUCTURE = STATEFUL | {"redis"}
ONE_SHOT = {"migrate"}
SCALABLE = set(PROCFILE) - {"gateway"}
# The local SMTP server needs neither the database nor the broker, and nothing
# waits for it: mail waits in notifications' queue until it answers.
STANDALONE = {"mail-sink"}
# Database roles are per service; media-worker works as media's.
ROLES = set(SETTINGS_SERVICES)


def env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    lines = [line.strip() for line in text.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (op, _) in enumerate(instructions) if op == "FROM")
    return instructions[last_from:]


def test_compose_file_validates_with_docker_compose():
    command = compose_command()
    if command is None:
        pytest.skip(
            "neither docker-compose nor `docker compose` is installed (apt-get install docker-compose)"
        )
    result = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        cwd=ROOT,
        env={**os.environ, **env_example()},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_the_secrets():
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", (ROOT / "docker-compose.yml").read_text()))
    assert {"SESSION_SECRET", "POSTGRES_PASSWORD", "RABBITMQ_PASSWORD"} <= required
    assert {f"{service.upper()}_DB_PASSWORD" for service in ROLES} <= required
    assert required <= set(env_example()), "every required variable has a line in .env.example"


def test_every_build_context_and_dockerfile_exists():
    builds = [service["build"] for service in SERVICES.values() if "build" in service]
    assert builds
    for build in builds:
        context = ROOT / build["context"]
        assert context.is_dir()
        assert (context / build.get("dockerfile", "Dockerfile")).is_file()


def test_every_procfile_process_is_a_compose_service_running_that_process():
    for process in PROCFILE:
        assert process in SERVICES, f"{process} has no compose service"
        assert SERVICES[process]["command"] == [process]


def test_every_container_runs_a_procfile_process_or_the_migrate_steps():
    for name, service in SERVICES.items():
        if name in INFRASTRUCTURE:
            assert "image" in service and "build" not in service
        elif name in ONE_SHOT:
            continue
        else:
            assert service["command"][0] in PROCFILE, f"{name} runs {service['command']}"


def test_migrate_runs_the_make_targets_modules_as_the_superuser():
    migrate = SERVICES["migrate"]
    script = migrate["command"][-1]
    modules = re.findall(r"python -m ([\w.]+)", script)
    assert modules == ["deploy.bootstrap", "deploy.migrate", "deploy.seed"]
    makefile = (ROOT / "Makefile").read_text()
    for module in modules:
        assert (ROOT / (module.replace(".", "/") + ".py")).is_file()
        assert f"python -m {module}" in makefile, f"make runs {module} too"
    assert migrate["restart"] == "no"
    assert migrate["environment"]["DATABASE_URL"].startswith("postgresql://postgres:")
    for service in ROLES:
        assert f"{service.upper()}_DATABASE_URL" in migrate["environment"], "sets the role's password"


def test_long_running_services_have_a_health_check_of_the_project():
    for name, service in SERVICES.items():
        if name in ONE_SHOT:
            continue
        test = service.get("healthcheck", {}).get("test")
        assert test and test[0] == "CMD", f"{name} has no health check"
        if name in PROCFILE:
            assert test[1:] == ["python", "-m", "deploy.healthcheck", name]
    assert (ROOT / "deploy" / "healthcheck.py").is_file()


def test_containers_that_die_are_started_again_except_the_one_shot():
    for name, service in SERVICES.items():
        assert service.get("restart") == ("no" if name in ONE_SHOT else "unless-stopped"), name


def test_start_order_is_given_by_conditions():
    migrate_needs = SERVICES["migrate"]["depends_on"]
    assert {name: dep["condition"] for name, dep in migrate_needs.items()} == {
        "postgres": "service_healthy",
        "rabbitmq": "service_healthy",
    }
    for name in SCALABLE - STANDALONE:
        needs = SERVICES[name]["depends_on"]
        assert needs["migrate"]["condition"] == "service_completed_successfully"
        assert needs["rabbitmq"]["condition"] == "service_healthy"
    gateway_needs = SERVICES["gateway"]["depends_on"]
    assert {name: dep["condition"] for name, dep in gateway_needs.items()} == {
        name: "service_healthy" for name in (SCALABLE - STANDALONE) | {"redis"}
    }
    assert "depends_on" not in SERVICES["mail-sink"]


def test_services_scale_without_fixed_names_or_host_ports():
    for name, service in SERVICES.items():
        assert "container_name" not in service, name
        if name in SCALABLE:
            assert "ports" not in service, f"{name} publishes a host port: it could not scale"


def test_state_lives_in_named_volumes_and_mounted_files_exist():
    declared = set(COMPOSE["volumes"])
    for name in STATEFUL:
        volumes = SERVICES[name]["volumes"]
        named = {volume.split(":")[0] for volume in volumes if not volume.startswith(".")}
        assert named and named <= declared, name
        for volume in volumes:
            if volume.startswith("./"):
                assert (ROOT / volume.split(":")[0]).is_file(), volume


def test_the_gateway_publishes_its_http_port_only():
    # Its /metrics (GATEWAY_METRICS_PORT, 9000) is for a scraper on the compose network.
    assert SERVICES["gateway"]["ports"] == ["${GATEWAY_PORT:-5000}:5000"]


def test_gateway_sends_secure_cookies_with_the_shared_secret():
    environment = SERVICES["gateway"]["environment"]
    assert environment["COOKIE_SECURE"] == "true"
    assert environment["SESSION_SECRET"].startswith("${SESSION_SECRET:?")


def test_dockerfile_base_images_are_pinned():
    bases = [args.split()[0] for op, args in dockerfile_instructions() if op == "FROM"]
    assert bases
    for base in bases:
        tag = base.partition(":")[2]
        assert re.search(r"\d+\.\d+\.\d+", tag), f"{base} is not pinned to a release"
    assert final_stage()[0][1].startswith("python:3.11.")


def test_dockerfile_runs_as_a_user_that_is_not_root():
    users = [args for op, args in final_stage() if op == "USER"]
    assert users and users[-1] not in ("root", "0")


def pip_installs(text: str, pip: str = "pip") -> list[list[str]]:
    """The arguments of every `PIP install` of a Makefile or Dockerfile."""
    text = re.sub(r"\\\n\s*", " ", text)
    return [args.split() for args in re.findall(re.escape(pip) + r" install ([^&\n]+)", text)]


def test_dockerfile_installs_the_runtime_lock_before_copying_the_code():
    stage = final_stage()
    steps = [(op, args) for op, args in stage if op in ("COPY", "RUN")]
    install = next(i for i, (op, args) in enumerate(steps) if op == "RUN" and "-r requirements.lock" in args)
    copies_before = [args for op, args in steps[:install] if op == "COPY"]
    assert copies_before == ["requirements.lock ./"]
    copied = [
        source for op, args in steps[install:] if op == "COPY" and "--from" not in args for source in args.split()[:-1]
    ]
    for source in copied:
        assert (ROOT / source).exists(), source
    assert {"pyproject.toml", "shared/", "gateway/", "services/", "deploy/", "Procfile"} <= set(copied)


def test_dockerfile_installs_every_dependency_from_the_lock_with_hashes():
    installs = pip_installs(DOCKERFILE)
    assert installs[0] == ["--require-hashes", "-r", "requirements.lock"]
    # Then only the project itself, resolving nothing.
    assert installs[1:] == [["--no-deps", "--no-build-isolation", "."]]
    assert "requirements-dev" not in DOCKERFILE, "the image has no test tools"


def test_the_image_installs_what_the_venv_installs():
    """The same steps as `make venv`: the dependencies from a lock with their
    hashes, then the project of pyproject.toml (editable in the venv) with
    --no-deps. tests/deploy/test_packaging.py checks the dev lock holds the
    runtime lock's packages at the same versions and hashes."""
    venv = pip_installs((ROOT / "Makefile").read_text(), pip="$(BIN)/pip")
    assert venv == [
        ["--quiet", "--require-hashes", "-r", "requirements-dev.lock"],
        ["--quiet", "--no-deps", "--no-build-isolation", "--editable", "."],
    ]
    # The image's steps are the venv's, less the test tools and the editable.
    image = [
        [arg.replace("requirements.lock", "requirements-dev.lock") for arg in args]
        for args in pip_installs(DOCKERFILE)
    ]
    assert [[arg for arg in args if arg not in ("--quiet", "--editable")] for args in venv] == image


def test_no_pythonpath_anywhere():
    """The packages are installed: there is no list of import roots to keep in step."""
    for path in ["Makefile", "pyproject.toml", "deploy/Dockerfile", "Procfile", "docker-compose.yml"]:
        assert "PYTHONPATH" not in (ROOT / path).read_text(), path


def test_image_entrypoint_is_the_procfile_runner():
    entrypoint = [args for op, args in final_stage() if op == "ENTRYPOINT"]
    assert entrypoint == ['["/app/deploy/entrypoint.sh"]']
    assert os.access(ROOT / "deploy" / "entrypoint.sh", os.X_OK)


def test_entrypoint_runs_the_procfile_line_of_the_process(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("gateway: echo gateway on ${PORT:-5000}\ncatalog: echo catalog $$\n")

    def run(*args, **env):
        return subprocess.run(
            ["sh", str(ROOT / "deploy" / "entrypoint.sh"), *args],
            env={**os.environ, "PROCFILE": str(procfile), **env},
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert run("gateway", PORT="8000").stdout == "gateway on 8000\n"
    assert run("catalog").stdout.startswith("catalog ")
    assert run("echo", "any", "command").stdout == "any command\n"
    assert run().returncode == 2


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", ".run", "tests", "web/node_modules"} <= ignored


def test_make_run_scale_becomes_honchos_concurrency():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-n", "run", "PORT=5000", "SCALE=catalog=2 learning=2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "honcho start --port 5000 --concurrency catalog=2,learning=2" in result.stdout


def test_make_run_supervises_every_procfile_process(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    supervised = tmp_path / "Procfile.supervised"
    dry_run = subprocess.run(
        ["make", "-n", "run", f"SUPERVISED_PROCFILE={supervised}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert f"--procfile {supervised}" in dry_run.stdout, dry_run.stdout
    made = subprocess.run(
        ["make", "-s", str(supervised), f"SUPERVISED_PROCFILE={supervised}"], cwd=ROOT, timeout=60
    )
    assert made.returncode == 0
    assert read_procfile(supervised) == {name: f"exec python -m deploy.supervise {name}" for name in PROCFILE}


def test_rabbitmq_configuration_parses_as_key_value_lines():
    for line in (ROOT / "deploy" / "rabbitmq" / "rabbitmq.conf").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.match(r"^[a-z_.]+ = \S+$", line), line
    assert (ROOT / "deploy" / "rabbitmq" / "enabled_plugins").read_text().strip().endswith("].")


def test_postgres_and_rabbitmq_images_are_pinned():
    for name in INFRASTRUCTURE:
        image = SERVICES[name]["image"]
        assert re.search(r":\d+\.\d+", image), image
    assert Path(SERVICES["postgres"]["image"]).name.startswith("postgres:15")
