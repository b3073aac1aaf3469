"""The Kubernetes manifests (deploy/kubernetes), checked offline: every overlay
is rendered by `kubectl kustomize`, every object validated against the
Kubernetes API schemas (kubernetes-validate, strict) or the operators' vendored
schemas (deploy/kubernetes/schemas, jsonschema), and the rendered objects held
to the rules of docs/kubernetes.md: probes on the endpoints the processes
serve, requests and limits, the security context, a PodDisruptionBudget per
Deployment, network policies that let each workload reach only what it
needs, graceful termination as long as the drains, autoscalers on the right
queues, images pinned, secrets referenced and never written.

kubectl is a test tool like chromium: without it these tests skip on a
developer's machine and fail under CI=true (deploy/install-test-tools.sh says
so at `make test`)."""

import functools
import importlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from deploy.bootstrap import EVENT_QUEUES
from gateway.routes import health as gateway_health
from shared.events import event_queue_name
from shared.service.metrics import MetricsServer
from shared.settings import SERVICES, Settings
from tests.support.suite import ROOT, read_procfile

KUBERNETES = ROOT / "deploy" / "kubernetes"
OVERLAYS = ("dev", "production")
NAMESPACE = "infinite-studio"
# The oldest Kubernetes docs/kubernetes.md supports, and the newest the
# schemas know.
KUBERNETES_VERSIONS = ("1.29.0", kubernetes_validate.latest_version())
CRD_SCHEMAS = {
    ("rabbitmq.com/v1beta1", "RabbitmqCluster"): "rabbitmq.com_v1beta1_RabbitmqCluster.json",
    ("postgresql.cnpg.io/v1", "Cluster"): "postgresql.cnpg.io_v1_Cluster.json",
    ("keda.sh/v1alpha1", "ScaledObject"): "keda.sh_v1alpha1_ScaledObject.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "keda.sh_v1alpha1_TriggerAuthentication.json",
}
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "Job")
PROCFILE = read_procfile()
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCS = ROOT / "docs" / "kubernetes.md"
# The suite's own image (deploy/Dockerfile), by its name in the base.
APP_IMAGE = "infinite-studio"
# Env vars the manifests compose URLs from; everything else a suite process
# is given must be a setting of shared/settings.py.
URL_PARTS = re.compile(
    r"^(BROKER_(PASSWORD|HOST|ADMIN_USER|ADMIN_PASSWORD)|[A-Z_]+_BROKER_PASSWORD|DB_(HOST|NAME)"
    r"|PG_SUPERUSER(_PASSWORD)?|[A-Z]+_DB_PASSWORD|REDIS_(HOST|PASSWORD))$"
)
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|ACCESS_KEY|PRIVATE", re.I)
# Network peers outside the rendered pods.
ANYWHERE = "anywhere"
# Procfile processes that only the dev overlay runs: production names a real
# SMTP relay instead of the local mail-sink.
DEV_ONLY = {"mail-sink"}


def dockerfile_uid() -> int:
    match = re.search(r"useradd\b[^\n]*--uid (\d+)", (ROOT / "deploy" / "Dockerfile").read_text())
    assert match, "deploy/Dockerfile creates no user with --uid"
    return int(match.group(1))


def compose_seconds(value: str) -> int:
    match = re.fullmatch(r"(\d+)([sm])", value)
    assert match, value
    return int(match.group(1)) * (60 if match.group(2) == "m" else 1)


# -- rendering -----------------------------------------------------------------


def kubectl() -> str:
    path = shutil.which("kubectl")
    if path is None:
        message = (
            "kubectl is not installed: the Kubernetes manifests cannot be rendered "
            "(kubectl 1.27 or later, for its kustomize v5; see docs/kubernetes.md)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@functools.cache
def _render(directory: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [kubectl(), "kustomize", directory], capture_output=True, text=True, timeout=120
    )
    return result.returncode, result.stdout, result.stderr


def render(directory: Path) -> list[dict]:
    code, out, err = _render(str(directory))
    assert code == 0, f"kubectl kustomize {directory.relative_to(ROOT)} failed:\n{err}"
    return [doc for doc in yaml.safe_load_all(out) if doc]


@pytest.fixture(params=OVERLAYS)
def overlay(request) -> str:
    return request.param


@pytest.fixture
def objects(overlay) -> list[dict]:
    return render(KUBERNETES / "overlays" / overlay)


def of_kind(objects, kind) -> list[dict]:
    return [o for o in objects if o["kind"] == kind]


def named(objects, kind, name) -> dict:
    found = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def workloads(objects) -> list[dict]:
    return [o for o in objects if o["kind"] in WORKLOAD_KINDS]


def pod_spec(workload) -> dict:
    return workload["spec"]["template"]["spec"]


def pod_labels(workload) -> dict:
    return workload["spec"]["template"]["metadata"].get("labels", {})


def is_app(workload) -> bool:
    """A pod of the suite's own image (not a datastore of the dev overlay)."""
    return all(c["image"].split(":")[0].split("@")[0].endswith(APP_IMAGE) for c in pod_spec(workload)["containers"])


def containers(workload) -> list[dict]:
    spec = pod_spec(workload)
    return spec.get("initContainers", []) + spec["containers"]


def app_deployments(objects) -> list[dict]:
    return [d for d in of_kind(objects, "Deployment") if is_app(d)]


def kn(o) -> str:
    return f"{o['kind']}/{o['metadata']['name']}"


# -- building and validating ---------------------------------------------------


@pytest.mark.parametrize("directory", ["base", "overlays/dev", "overlays/production"])
def test_kustomize_builds(directory):
    objects = render(KUBERNETES / directory)
    assert objects
    names = [(o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"]) for o in objects]
    assert len(names) == len(set(names)), "duplicate objects"


def test_objects_validate_against_their_schemas(objects):
    for o in objects:
        schema_file = CRD_SCHEMAS.get((o["apiVersion"], o["kind"]))
        if schema_file:
            schema = json.loads((KUBERNETES / "schemas" / schema_file).read_text())
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(o), key=str)
            assert not errors, f"{kn(o)}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
            continue
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(o, version, strict=True)
            except kubernetes_validate.SchemaNotFoundError:
                pytest.fail(f"{kn(o)} ({o['apiVersion']}): neither a Kubernetes kind nor a vendored schema")
            except kubernetes_validate.ValidationError as exc:
                pytest.fail(f"{kn(o)} against Kubernetes {version}: {exc.message} at {list(exc.path)}")


def test_vendored_schemas_are_schemas_that_reject_mistakes():
    for schema_file in CRD_SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(json.loads((KUBERNETES / "schemas" / schema_file).read_text()))
    assert (KUBERNETES / "schemas" / "README.md").is_file()
    production = render(KUBERNETES / "overlays" / "production")

    def errors(kind, mutate):
        o = json.loads(json.dumps(next(o for o in production if o["kind"] == kind)))
        mutate(o)
        schema = json.loads((KUBERNETES / "schemas" / CRD_SCHEMAS[(o["apiVersion"], kind)]).read_text())
        return list(jsonschema.Draft202012Validator(schema).iter_errors(o))

    assert errors("RabbitmqCluster", lambda o: o["spec"].update(replica=3))
    assert errors("RabbitmqCluster", lambda o: o["spec"].update(replicas=-1))
    assert errors("Cluster", lambda o: o["spec"].update(instances=0))
    assert errors("Cluster", lambda o: o["spec"].update(primaryUpdateStrategy="automatic"))
    assert errors("ScaledObject", lambda o: o["spec"]["triggers"][0]["metadata"].update(mode="QueueLen"))
    assert errors("ScaledObject", lambda o: o["spec"]["triggers"][0]["metadata"].update(queue="rpc-x"))
    assert errors("ScaledObject", lambda o: o["spec"]["triggers"][0]["metadata"].update(value=5))
    assert errors("ScaledObject", lambda o: o["spec"].pop("scaleTargetRef"))
    assert errors("TriggerAuthentication", lambda o: o["spec"]["secretTargetRef"][0].pop("key"))


# -- the processes: Procfile, settings, URLs -----------------------------------


def test_one_deployment_per_procfile_process(objects):
    deployments = {d["metadata"]["name"]: d for d in app_deployments(objects)}
    wanted = set(PROCFILE) if _overlay_of(objects) == "dev" else set(PROCFILE) - DEV_ONLY
    assert set(deployments) == wanted
    others = {d["metadata"]["name"] for d in of_kind(objects, "Deployment")} - set(deployments)
    assert others == {"redis"}, "besides the suite's processes, only Redis runs as a Deployment"
    for name, deployment in deployments.items():
        (container,) = pod_spec(deployment)["containers"]
        assert container["args"] == [name], "the entrypoint runs the Procfile line of the same name"
        assert "command" not in container, "deploy/entrypoint.sh stays the entrypoint"


def container_env(container) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def config_maps(objects) -> dict[str, dict]:
    return {c["metadata"]["name"]: c.get("data", {}) for c in of_kind(objects, "ConfigMap")}


def test_env_references_resolve_in_order(objects):
    """Kubernetes expands $(NAME) only from variables defined before (envFrom
    first, then env in order); an unknown one stays literally in the URL."""
    maps = config_maps(objects)
    for w in workloads(objects):
        for c in containers(w):
            defined = set()
            for source in c.get("envFrom", []):
                ref = source["configMapRef"]["name"]
                assert ref in maps, f"{kn(w)}: ConfigMap {ref} is not rendered"
                defined |= set(maps[ref])
            for e in c.get("env", []):
                for ref in re.findall(r"\$\((\w+)\)", e.get("value", "")):
                    assert ref in defined, f"{kn(w)}: {e['name']} uses $({ref}) before it is defined"
                defined.add(e["name"])


def nameko_config_variables() -> set[str]:
    """What the services' config.yml read from the environment (${NAME:default})."""
    found = set()
    for config in (ROOT / "services").glob("*/*.yml"):
        found |= set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", config.read_text()))
    return found


def test_suite_processes_get_settings_that_exist(objects):
    fields = {name.upper() for name in Settings.model_fields} | nameko_config_variables()
    assert "MAX_WORKERS" in fields
    maps = config_maps(objects)
    for w in filter(is_app, workloads(objects)):
        for c in containers(w):
            names = set(container_env(c))
            for source in c.get("envFrom", []):
                names |= set(maps[source["configMapRef"]["name"]])
            unknown = {n for n in names if n not in fields and not URL_PARTS.match(n)}
            assert not unknown, f"{kn(w)}: not settings of shared/settings.py: {sorted(unknown)}"


def test_each_process_has_its_broker_and_database(objects):
    for d in app_deployments(objects):
        name = d["metadata"]["name"]
        env = container_env(pod_spec(d)["containers"][0])
        if name == "mail-sink":  # neither broker nor database: a Maildir
            assert not any(k.endswith("DATABASE_URL") or k.endswith("AMQP_URI") for k in env)
            continue
        # Its own broker user (deploy/broker_users.py), its password from the Secret.
        user = name.replace("-", "_")
        assert env["AMQP_URI"]["value"] == f"amqp://{user}:$(BROKER_PASSWORD)@$(BROKER_HOST):5672/", name
        assert env["BROKER_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": "infinite-studio-broker-users", "key": user}
        if name == "gateway":
            assert "SESSION_SECRET" in env and not any(k.endswith("DATABASE_URL") for k in env)
            assert env["REDIS_URL"]["value"] == "redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):6379/0"
            continue
        role = "media" if name == "media-worker" else name
        assert [k for k in env if k.endswith("DATABASE_URL")] == [f"{role.upper()}_DATABASE_URL"], name
        assert env[f"{role.upper()}_DATABASE_URL"]["value"].startswith(f"postgresql://{role}:$(")
    migrate = container_env(pod_spec(named(objects, "Job", "migrate"))["containers"][0])
    assert {"DATABASE_URL", "AMQP_URI", *(f"{s.upper()}_DATABASE_URL" for s in SERVICES)} <= set(migrate)
    # The broker's administrator, who makes every process's user.
    assert migrate["AMQP_URI"]["value"].startswith("amqp://$(BROKER_ADMIN_USER):$(BROKER_ADMIN_PASSWORD)@")
    assert migrate["RABBITMQ_MANAGEMENT_URL"]["value"].endswith("@$(BROKER_HOST):15672")
    for d in app_deployments(objects):
        if d["metadata"]["name"] == "mail-sink":
            continue
        user = d["metadata"]["name"].replace("-", "_")
        assert migrate[f"{user.upper()}_AMQP_URI"]["value"].startswith(f"amqp://{user}:$("), user


def test_migration_job_runs_what_make_db_seed_runs(objects):
    """bootstrap, migrate and seed, as compose's migrate; the seed's videos
    are a Job of their own, resumed in dev and left suspended in production."""
    job = named(objects, "Job", "migrate")
    (container,) = pod_spec(job)["containers"]
    compose_steps = COMPOSE["services"]["migrate"]["command"][-1]
    assert container["args"][-1] == compose_steps
    for step in ("deploy.bootstrap", "deploy.migrate", "deploy.seed"):
        assert f"python -m {step}" in container["args"][-1]
    assert container_env(container)["SEED_VIDEOS"]["value"] == "false"
    assert container_env(container)["SEED_ASSET_FILES"]["value"] == "false"
    assert pod_spec(job)["restartPolicy"] == "Never"
    assert job["spec"]["activeDeadlineSeconds"] > 0

    videos = named(objects, "Job", "seed-videos")
    (container,) = pod_spec(videos)["containers"]
    assert container["args"] == ["python", "-m", "deploy.seed"]
    assert container_env(container)["SEED_VIDEOS"]["value"] == "true"
    assert videos["spec"]["suspend"] is (_overlay_of(objects) == "production")

    # The assets' packs and previews: the store needs them, so it runs everywhere.
    assets = named(objects, "Job", "seed-assets")
    (container,) = pod_spec(assets)["containers"]
    assert container["args"] == ["python", "-m", "deploy.seed"]
    env = container_env(container)
    assert (env["SEED_VIDEOS"]["value"], env["SEED_ASSET_FILES"]["value"]) == ("false", "true")
    assert not assets["spec"].get("suspend")


def test_the_migration_step_applies_alone(objects):
    """`kubectl apply -k ... -l infinite-studio/migration-step=true` (the
    upgrade's first step) applies the Job with what it needs: the settings it
    reads and its network policy."""
    step = [o for o in objects if o["metadata"].get("labels", {}).get("infinite-studio/migration-step") == "true"]
    job = named(objects, "Job", "migrate")
    assert job in step
    config = pod_spec(job)["containers"][0]["envFrom"][0]["configMapRef"]["name"]
    assert named(objects, "ConfigMap", config) in step
    assert named(objects, "NetworkPolicy", "migrate") in step
    assert {o["kind"] for o in step} == {"Job", "ConfigMap", "NetworkPolicy"}


def _overlay_of(objects) -> str:
    return "production" if of_kind(objects, "RabbitmqCluster") else "dev"


def test_production_queues_are_quorum_queues(objects):
    """Replicated on the three nodes of its RabbitmqCluster; dev's one node
    keeps classic queues (shared/queues.py)."""
    settings = next(iter(config_maps(objects).values()))
    production = _overlay_of(objects) == "production"
    assert settings.get("BROKER_QUORUM_QUEUES", "false") == ("true" if production else "false")


def test_media_storage_per_overlay(objects):
    settings = next(iter(config_maps(objects).values()))
    writers = {"media", "media-worker", "seed-videos", "seed-assets"}
    mounted = {}
    for w in filter(is_app, workloads(objects)):
        mounts = {m["mountPath"]: m for m in pod_spec(w)["containers"][0].get("volumeMounts", [])}
        if "/media" in mounts:
            mounted[w["metadata"]["name"]] = mounts["/media"].get("readOnly", False)
    if _overlay_of(objects) == "dev":
        assert settings["MEDIA_STORAGE"] == "local" and settings["MEDIA_ROOT"] == "/media"
        assert mounted == {**{w: False for w in writers}, "gateway": True}
        # ... but for the chunks of staff uploads, the claim's uploads/ only.
        gateway = next(w for w in workloads(objects) if w["metadata"]["name"] == "gateway")
        uploads = {m["mountPath"]: m for m in pod_spec(gateway)["containers"][0]["volumeMounts"]}["/media/uploads"]
        assert (uploads.get("readOnly", False), uploads["subPath"]) == (False, "uploads")
        (claim,) = of_kind(objects, "PersistentVolumeClaim")
        for w in filter(is_app, workloads(objects)):
            for v in pod_spec(w).get("volumes", []):
                if "persistentVolumeClaim" in v:
                    assert v["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    else:
        assert settings["MEDIA_STORAGE"] == "s3" and settings["S3_BUCKET"]
        assert not mounted and not of_kind(objects, "PersistentVolumeClaim")
        for name in ("gateway", "media", "media-worker", "migrate", "seed-videos", "seed-assets"):
            w = next(w for w in workloads(objects) if w["metadata"]["name"] == name)
            env = container_env(pod_spec(w)["containers"][0])
            for key in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
                assert env[key]["valueFrom"]["secretKeyRef"]["name"] == "infinite-studio-s3", (name, key)


# -- every pod -----------------------------------------------------------------


def test_probes_on_the_endpoints_the_processes_serve(objects):
    gateway_paths = {route.path for route in gateway_health.router.routes}
    assert {"/api/health", "/api/ready"} <= gateway_paths

    statuses = []
    MetricsServer("probe", "127.0.0.1", 0)._app({"PATH_INFO": "/health"}, lambda status, headers: statuses.append(status))
    assert statuses == ["200 OK"], "a service's /health"

    for d in app_deployments(objects):
        (c,) = pod_spec(d)["containers"]
        ports = {p["name"]: p["containerPort"] for p in c["ports"]}
        env = container_env(c)
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = c[probe]["httpGet"]
            if d["metadata"]["name"] == "gateway":
                assert get["path"] in gateway_paths
                assert ports[get["port"]] == int(env["PORT"]["value"]) == 5000
                assert ports["metrics"] == int(env["GATEWAY_METRICS_PORT"]["value"])
            else:
                assert get["path"] == "/health"
                assert ports[get["port"]] == int(env["METRICS_PORT"]["value"]) == 8000
    for s in [*of_kind(objects, "StatefulSet"), *(d for d in of_kind(objects, "Deployment") if not is_app(d))]:
        for c in containers(s):
            assert "livenessProbe" in c and "readinessProbe" in c, kn(s)


def test_every_container_has_requests_and_limits(objects):
    for w in workloads(objects):
        for c in containers(w):
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(c.get("resources", {}).get(kind, {})), f"{kn(w)} {kind}"


def test_every_pod_runs_locked_down(objects):
    uid = dockerfile_uid()
    for w in workloads(objects):
        spec = pod_spec(w)
        pod = spec.get("securityContext", {})
        assert spec.get("automountServiceAccountToken") is False, kn(w)
        assert spec.get("enableServiceLinks") is False, kn(w)
        for c in containers(w):
            sc = c.get("securityContext", {})
            assert sc.get("runAsNonRoot", pod.get("runAsNonRoot")) is True, kn(w)
            assert sc.get("readOnlyRootFilesystem") is True, kn(w)
            assert sc.get("allowPrivilegeEscalation") is False, kn(w)
            assert sc.get("privileged", False) is False, kn(w)
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], kn(w)
            assert not sc.get("capabilities", {}).get("add"), kn(w)
            seccomp = sc.get("seccompProfile", pod.get("seccompProfile", {}))
            assert seccomp.get("type") == "RuntimeDefault", kn(w)
            if is_app(w):
                assert sc.get("runAsUser", pod.get("runAsUser")) == uid, f"{kn(w)}: the Dockerfile's user"
            else:
                assert sc.get("runAsUser", pod.get("runAsUser", 0)) > 0, kn(w)


def test_writable_paths_are_volumes(objects):
    """The root filesystem is read-only: /tmp (tempfile: media jobs, S3
    spooling, generated videos) is an emptyDir with a size limit, and every
    mount names a volume of the pod."""
    for w in workloads(objects):
        spec = pod_spec(w)
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        claims = {t["metadata"]["name"] for t in w["spec"].get("volumeClaimTemplates", [])}
        for c in containers(w):
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            for path, name in mounts.items():
                assert name in volumes or name in claims, f"{kn(w)}: {path} mounts no volume"
            if is_app(w):
                tmp = volumes[mounts["/tmp"]]
                assert tmp["emptyDir"]["sizeLimit"], kn(w)


def test_termination_grace_covers_the_drains(objects):
    uvicorn_grace = int(re.search(r"--timeout-graceful-shutdown (\d+)", PROCFILE["gateway"]).group(1))
    compose = COMPOSE["services"]
    service_grace = compose_seconds(COMPOSE["x-app"]["stop_grace_period"])
    for d in app_deployments(objects):
        name = d["metadata"]["name"]
        spec = pod_spec(d)
        grace = spec["terminationGracePeriodSeconds"]
        if name == "gateway":
            pre_stop = spec["containers"][0]["lifecycle"]["preStop"]["exec"]["command"]
            assert pre_stop[0] == "sleep"
            assert grace > int(pre_stop[1]) + uvicorn_grace
        else:
            wanted = compose_seconds(compose[name].get("stop_grace_period", COMPOSE["x-app"]["stop_grace_period"]))
            assert grace >= max(wanted, service_grace), name


def test_a_disruption_budget_for_every_deployment(objects):
    budgets = of_kind(objects, "PodDisruptionBudget")
    for d in of_kind(objects, "Deployment"):
        labels = pod_labels(d)
        matching = [b for b in budgets if matches(b["spec"]["selector"], labels)]
        assert len(matching) == 1, kn(d)
        # One replica in dev: a budget of maxUnavailable 1 still lets a node drain.
        assert matching[0]["spec"].get("maxUnavailable") == 1, kn(d)


def test_images_are_pinned(objects):
    images = [c["image"] for w in workloads(objects) for c in containers(w)]
    images += [o["spec"]["image"] for o in of_kind(objects, "RabbitmqCluster")]
    images += [o["spec"]["imageName"] for o in of_kind(objects, "Cluster")]
    for image in images:
        name, _, tag = image.rpartition("@")[0].rpartition(":") if "@" in image else image.rpartition(":")
        assert name and tag and "/" not in tag, f"{image}: no tag or digest"
        assert tag != "latest", image
    app = {c["image"] for w in filter(is_app, workloads(objects)) for c in containers(w)}
    assert len(app) == 1, "every process runs the same image"
    assert APP_IMAGE not in app, "the base's image name is replaced by the overlay's images: entry"


# -- secrets -------------------------------------------------------------------


def secret_refs(objects) -> set[tuple[str, str]]:
    refs = set()
    for w in workloads(objects):
        for c in containers(w):
            for e in c.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    refs.add((ref["name"], ref["key"]))
            assert not any("secretRef" in s for s in c.get("envFrom", [])), kn(w)
    for t in of_kind(objects, "TriggerAuthentication"):
        refs |= {(r["name"], r["key"]) for r in t["spec"].get("secretTargetRef", [])}
    return refs


def operator_made_secrets(objects) -> set[tuple[str, str]]:
    """The RabbitMQ Cluster Operator makes <cluster>-default-user with the
    keys username and password."""
    made = set()
    for cluster in of_kind(objects, "RabbitmqCluster"):
        made |= {(f"{cluster['metadata']['name']}-default-user", key) for key in ("username", "password")}
    return made


def test_no_secret_values_in_the_manifests(objects):
    assert not of_kind(objects, "Secret"), "Secrets are made by the operator (docs/kubernetes.md)"
    for o in of_kind(objects, "ConfigMap"):
        assert not [k for k in o.get("data", {}) if SECRET_NAME.search(k)], kn(o)
    for w in workloads(objects):
        for c in containers(w):
            for e in c.get("env", []):
                if SECRET_NAME.search(e["name"]):
                    assert "secretKeyRef" in e.get("valueFrom", {}), f"{kn(w)}: {e['name']} is not from a Secret"
                for userinfo in re.findall(r"://([^/@]*)@", e.get("value", "")):
                    password = userinfo.partition(":")[2]
                    assert re.fullmatch(r"\$\(\w+\)", password), f"{kn(w)}: {e['name']} carries a password"


def test_every_secret_is_made_by_an_operator_or_documented(objects):
    docs = DOCS.read_text()
    created = {}
    for command in re.findall(r"kubectl[^\n]*create secret generic ([\w-]+)((?:[^\n]*\\\n)*[^\n]*)", docs):
        created.setdefault(command[0], set()).update(re.findall(r"--from-literal=([\w.-]+)=", command[1]))
    for name, key in sorted(secret_refs(objects) - operator_made_secrets(objects)):
        assert key in created.get(name, set()), f"docs/kubernetes.md creates no Secret {name} with key {key}"


# -- network policies ----------------------------------------------------------


def matches(selector: dict, labels: dict) -> bool:
    assert "matchExpressions" not in selector, "only matchLabels is modelled here"
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def pods(objects) -> dict[str, dict]:
    """Every pod the overlay runs, by name, with its labels: the workloads'
    and the operators' (labels the operators give their pods: the RabbitMQ
    Cluster Operator app.kubernetes.io/name=<cluster>, CloudNativePG
    cnpg.io/cluster=<cluster>, plus what each resource adds)."""
    found = {w["metadata"]["name"]: pod_labels(w) for w in workloads(objects)}
    for cluster in of_kind(objects, "RabbitmqCluster"):
        override = cluster["spec"].get("override", {}).get("statefulSet", {}).get("spec", {})
        found[cluster["metadata"]["name"]] = {
            "app.kubernetes.io/name": cluster["metadata"]["name"],
            **override.get("template", {}).get("metadata", {}).get("labels", {}),
        }
    for cluster in of_kind(objects, "Cluster"):
        found[cluster["metadata"]["name"]] = {
            "cnpg.io/cluster": cluster["metadata"]["name"],
            **cluster["spec"].get("inheritedMetadata", {}).get("labels", {}),
        }
    return found


def rule_ports(rule) -> set:
    return {p["port"] for p in rule.get("ports", [])} or {"any"}


def peers(rule_peers, all_pods) -> set[str]:
    """The pods a rule's peers name, "namespace:<name>" for a namespace (by
    its kubernetes.io/metadata.name), ANYWHERE for no peer or an ipBlock."""
    if not rule_peers:
        return {ANYWHERE} | set(all_pods)
    found = set()
    for peer in rule_peers:
        if "namespaceSelector" in peer:
            found.add("namespace:" + peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"])
        elif "ipBlock" in peer:
            found.add(ANYWHERE)
        else:
            found |= {name for name, labels in all_pods.items() if matches(peer["podSelector"], labels)}
    return found


def allowed(objects, direction: str) -> dict[str, set[tuple[str, object]]]:
    """pod -> {(peer, port)} its policies allow, in one direction."""
    all_pods = pods(objects)
    result = {name: set() for name in all_pods}
    key, peer_key = ("egress", "to") if direction == "Egress" else ("ingress", "from")
    for policy in of_kind(objects, "NetworkPolicy"):
        if direction not in policy["spec"]["policyTypes"]:
            continue
        for name, labels in all_pods.items():
            if not matches(policy["spec"]["podSelector"], labels):
                continue
            for rule in policy["spec"].get(key, []):
                for peer in peers(rule.get(peer_key, []), all_pods):
                    result[name] |= {(peer, port) for port in rule_ports(rule)}
    return result


def reachable(objects) -> dict[str, set[tuple[str, object]]]:
    """pod -> {(pod, namespace or ANYWHERE, port)} it may open a connection
    to: its egress allows it, and (for a pod here) that pod's ingress admits it."""
    egress, ingress = allowed(objects, "Egress"), allowed(objects, "Ingress")
    result = {}
    for source, targets in egress.items():
        result[source] = set()
        for target, port in targets:
            if target not in ingress:
                result[source].add((target, port))
            elif (source, port) in ingress[target] or (source, "any") in ingress[target]:
                result[source].add((target, port))
            elif port == "any":
                result[source] |= {(target, p) for s, p in ingress[target] if s == source}
    return result


def test_default_deny_and_dns(objects):
    policies = {p["metadata"]["name"]: p["spec"] for p in of_kind(objects, "NetworkPolicy")}
    deny = policies["default-deny"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    dns = policies["allow-dns"]
    assert dns["podSelector"] == {} and dns["policyTypes"] == ["Egress"]
    assert {p["port"] for rule in dns["egress"] for p in rule["ports"]} == {53}


def test_a_network_policy_for_every_workload(objects):
    policies = of_kind(objects, "NetworkPolicy")
    for w in workloads(objects):
        own = [p for p in policies if p["spec"]["podSelector"].get("matchLabels") == {"app.kubernetes.io/name": w["metadata"]["name"]}]
        assert len(own) == 1, kn(w)


def test_each_workload_reaches_only_what_it_needs(objects):
    broker = "rabbitmq"
    database = "postgres"
    redis = "redis"
    production = _overlay_of(objects) == "production"
    storage = {(ANYWHERE, 443)} if production else set()
    dns = {("namespace:kube-system", 53)}
    expected = {
        "gateway": {(broker, 5672), (redis, 6379)} | storage,
        "auth": {(broker, 5672), (database, 5432)},
        "catalog": {(broker, 5672), (database, 5432)},
        "learning": {(broker, 5672), (database, 5432)},
        "commerce": {(broker, 5672), (database, 5432)},
        "media": {(broker, 5672), (database, 5432)} | storage,
        "media-worker": {(broker, 5672), (database, 5432)} | storage,
        # The management API too: bootstrap makes the processes' broker users.
        "migrate": {(broker, 5672), (broker, 15672), (database, 5432)} | storage,
        "seed-videos": {(database, 5432)} | storage,
        "seed-assets": {(database, 5432)} | storage,
        # Mail: the local mail-sink in dev, the relay in production.
        "notifications": {(broker, 5672), (database, 5432)}
        | ({(ANYWHERE, 587), (ANYWHERE, 465)} if production else {("mail-sink", 2525)}),
    }
    if not production:
        expected["mail-sink"] = set()
    reach = reachable(objects)
    for name, wanted in expected.items():
        assert reach[name] == wanted | dns, name
    # Nothing calls a suite process directly but from outside (the gateway's
    # HTTP, and Prometheus on the metrics ports), but notifications its SMTP server.
    for source, targets in reach.items():
        called = {t for t, _ in targets} & set(expected)
        assert called <= ({"mail-sink"} if source == "notifications" else set()), source


def test_datastores_admit_their_clients_only(objects):
    """On its client port a datastore admits the pods labelled as its clients,
    its own peers, and in production its operator's namespace; nothing else."""
    ingress = allowed(objects, "Ingress")
    all_pods = pods(objects)
    operators = {"rabbitmq": set(), "postgres": {"namespace:cnpg-system"}, "redis": set()}
    stores = (("rabbitmq", 5672, "broker-client"), ("postgres", 5432, "postgres-client"), ("redis", 6379, "redis-client"))
    for store, port, label in stores:
        clients = {name for name, labels in all_pods.items() if labels.get(f"infinite-studio/{label}") == "true"}
        admitted = {source for source, p in ingress[store] if p in (port, "any")} - {store}
        extra = operators[store] if _overlay_of(objects) == "production" else set()
        assert admitted == clients | extra, store


def test_gateway_is_reachable_over_http(objects):
    ingress = allowed(objects, "Ingress")
    assert (ANYWHERE, 5000) in ingress["gateway"]
    assert (ANYWHERE, 9000) not in ingress["gateway"], "the gateway's /metrics is never public"
    assert ("namespace:monitoring", 9000) in ingress["gateway"]
    gateway_service = named(objects, "Service", "gateway")
    assert gateway_service["spec"]["ports"][0]["targetPort"] == "http"


# -- replicas and autoscaling --------------------------------------------------


def nameko_service_name(process: str) -> str:
    """The Nameko name of a Procfile process (its class's ``name``)."""
    module, _, cls = PROCFILE[process].split()[-1].partition(":")
    return getattr(importlib.import_module(module), cls).name


def expected_queues(process: str) -> set[str]:
    name = nameko_service_name(process)
    queues = {event_queue_name(*entry) for entry in EVENT_QUEUES if entry[2] == name}
    if name in SERVICES:
        queues.add(f"rpc-{name}")
    return queues


def test_replicas_and_autoscalers(objects):
    deployments = {d["metadata"]["name"]: d for d in app_deployments(objects)}
    assert named(objects, "Deployment", "redis")["spec"]["replicas"] == 1, "one Redis: nothing to share between two"
    hpas = of_kind(objects, "HorizontalPodAutoscaler")
    scaled = of_kind(objects, "ScaledObject")
    if _overlay_of(objects) == "dev":
        assert all(d["spec"]["replicas"] == 1 for d in deployments.values())
        assert not hpas and not scaled
        return
    assert all("replicas" not in d["spec"] for d in deployments.values()), "the autoscalers own the counts"
    (hpa,) = hpas
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "gateway"}
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    assert hpa["spec"]["minReplicas"] >= 2
    targets = sorted(s["spec"]["scaleTargetRef"]["name"] for s in scaled)
    assert targets == sorted(set(deployments) - {"gateway"})
    for s in scaled:
        name = s["spec"]["scaleTargetRef"]["name"]
        assert s["spec"]["minReplicaCount"] >= (1 if name == "media-worker" else 2), name
        assert s["spec"]["maxReplicaCount"] > s["spec"]["minReplicaCount"], name


def test_keda_watches_each_service_queues():
    objects = render(KUBERNETES / "overlays" / "production")
    auths = {t["metadata"]["name"]: t for t in of_kind(objects, "TriggerAuthentication")}
    broker_user = {("rabbitmq-default-user", "username"), ("rabbitmq-default-user", "password")}
    assert broker_user <= operator_made_secrets(objects)
    for s in of_kind(objects, "ScaledObject"):
        process = s["spec"]["scaleTargetRef"]["name"]
        queues = set()
        for trigger in s["spec"]["triggers"]:
            assert trigger["type"] == "rabbitmq"
            meta = trigger["metadata"]
            # From KEDA's namespace: the broker's Service by its full name.
            assert meta["host"] == f"http://rabbitmq.{s['metadata']['namespace']}.svc:15672/"
            assert meta["protocol"] == "http" and meta["mode"] == "QueueLength"
            auth = auths[trigger["authenticationRef"]["name"]]
            assert {(r["name"], r["key"]) for r in auth["spec"]["secretTargetRef"]} == broker_user
            queues.add(meta["queueName"])
        assert queues == expected_queues(process), process


# -- docs ----------------------------------------------------------------------


def test_docs_cover_the_manifests():
    text = DOCS.read_text()
    assert "docs/kubernetes.md" in (ROOT / "README.md").read_text()
    for needle in (
        "kubectl apply -k deploy/kubernetes/overlays/dev",
        "kubectl apply -k deploy/kubernetes/overlays/production",
        "RabbitmqCluster",
        "CloudNativePG",
        "KEDA",
        "delete job migrate seed-videos",
        "infinite-studio/migration-step",
        "rpc-",
        "evt-",
    ):
        assert needle in text, needle
    for queue in {q for p in PROCFILE if p != "gateway" and p not in DEV_ONLY for q in expected_queues(p)}:
        assert queue in text, f"docs/kubernetes.md does not say what watches {queue}"
