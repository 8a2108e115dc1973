"""Crash safety of notifications, with real processes: a Celery worker SIGKILLed mid-send, and the broker
stopped while orders are filed. Either way every notification is delivered, and exactly once.

The worker records texts with tests.sms_backends.FileSmsBackend, so the test reads what really went out.
Recovery is the outbox relay (core.tasks.relay_pending_outbox; beat runs it every minute for messages
pending over 60 s): here it is queued by hand with no age limit instead of waiting a minute.
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.db import transaction

from core.models import Notification, OutboxMessage
from core.tasks import relay_pending_outbox
from portal.celery import app
from repairs import services
from repairs.services import Report
from residents.notify import notify_user
from tests.celery_worker import celery_worker, kill_worker, wait_for
from tests.residents.factories import PersonFactory, UserFactory

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep migration-seeded rows
]


def _sms_lines(path):
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _all_sent():
    return not OutboxMessage.objects.exclude(status="sent").exists()


def _recording_env(tmp_path, *, stall=0, broker=None):
    env = {
        "SMS_BACKEND": "tests.sms_backends.FileSmsBackend",
        "LINLI_TEST_SMS_FILE": str(tmp_path / "sms.txt"),
        "LINLI_TEST_SMS_STALL": str(stall),
    }
    return {**env, "CELERY_BROKER_URL": broker} if broker else env


def test_worker_killed_mid_send_loses_nothing_and_sends_once(tmp_path):
    sms = tmp_path / "sms.txt"
    user = PersonFactory(user=UserFactory(phone="+8613800138000"), channels=["in_app", "sms"]).user
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log, env=_recording_env(tmp_path, stall=60)) as worker:
        with transaction.atomic():
            notify_user(user=user, event_key="test.crash.1", subject="3号楼停水", body="今天 9:00–12:00")
        began = wait_for(lambda: sms.with_suffix(".sending").exists(), timeout=90)
        assert began, f"the worker never started sending:\n{log.read_text()[-3000:]}"
        kill_worker(worker)

    # Killed inside the send: the text never left, and the row still says so (its transaction died with it).
    assert _sms_lines(sms) == []
    assert OutboxMessage.objects.get(channel="sms").status == "pending"

    with celery_worker(log_path=log, env=_recording_env(tmp_path)):
        relay_pending_outbox.delay(older_than_seconds=0)
        assert wait_for(_all_sent, timeout=90), f"not redelivered:\n{log.read_text()[-3000:]}"
        time.sleep(2)  # room for a second, wrongful delivery to show up before counting
    message = OutboxMessage.objects.get(channel="sms")
    assert [line.split("\t")[0] for line in _sms_lines(sms)] == [f"outbox-{message.pk}"]
    assert Notification.objects.filter(recipient=user, event_key="test.crash.1").count() == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, so stopping it never touches the suite's broker."""

    def __init__(self, directory):
        self.port, self.directory, self.process = _free_port(), directory, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                   "no", "--dir", str(self.directory)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        assert wait_for(self._answers, timeout=10), "redis-server did not start"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def private_broker(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (.ci/run installs it)")
    redis = PrivateRedis(tmp_path)
    redis.start()
    keys = ("broker_url", "broker_read_url", "broker_write_url")
    saved = {key: app.conf[key] for key in keys}

    def point_at(urls):
        app.conf.update(urls)
        app._pool = None  # the producer pools hold connections to the previous broker
        app.amqp._producer_pool = None

    point_at(dict.fromkeys(keys, redis.url))
    yield redis
    point_at(saved)
    if redis.process.poll() is None:
        redis.stop()


def _file(world, n, description):
    for i in range(n):
        with transaction.atomic():
            services.work_order_submit(
                actor=world.users["owner"],
                report=Report(trade="plumbing", description=f"{description} {i}", unit_id=world.unit_a.pk),
            )


def test_orders_filed_while_the_broker_is_down_are_each_notified_once_when_it_returns(world, tmp_path, private_broker):
    owner = world.users["owner"]
    owner.phone = "+8613900139000"
    owner.save(update_fields=["phone"])
    owner.person.channels = ["in_app", "sms"]
    owner.person.save(update_fields=["channels"])
    sms, log = tmp_path / "sms.txt", tmp_path / "worker.log"
    env = _recording_env(tmp_path, broker=private_broker.url)

    with celery_worker(log_path=log, env=env):
        _file(world, 2, "停电")
        assert wait_for(_all_sent, timeout=90), f"not delivered before the outage:\n{log.read_text()[-3000:]}"

    private_broker.stop()
    _file(world, 3, "漏水")  # the commits succeed; only the publish after each one fails
    pending = OutboxMessage.objects.filter(status="pending").count()
    assert pending >= 3, "the orders filed during the outage should each have queued notifications"

    private_broker.start()  # an empty broker: whatever was published before the outage is gone with it
    with celery_worker(log_path=log, env=env):
        relay_pending_outbox.delay(older_than_seconds=0)
        assert wait_for(_all_sent, timeout=90), f"not delivered after the outage:\n{log.read_text()[-3000:]}"
        time.sleep(2)
    sms_messages = OutboxMessage.objects.filter(channel="sms")
    keys = [line.split("\t")[0] for line in _sms_lines(sms)]
    assert sorted(keys) == sorted(f"outbox-{m.pk}" for m in sms_messages)  # every text once, none twice
    assert sms_messages.count() == 5
    in_app = OutboxMessage.objects.filter(channel="in_app").count()
    assert Notification.objects.filter(recipient=owner).count() == in_app
