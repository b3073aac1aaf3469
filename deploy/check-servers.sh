#!/usr/bin/env bash
# Make sure PostgreSQL, RabbitMQ and Redis answer on this machine; start them
# if they are installed here but stopped. (With Docker, the compose file
# starts them.)
set -u
pg_host=${PGHOST:-127.0.0.1}
answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

if ! answers "$pg_host" 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  fi
fi
if ! answers 127.0.0.1 5672; then
  if command -v rabbitmq-server >/dev/null; then
    echo "RabbitMQ is not answering; starting it"
    rabbitmq-server -detached
  fi
fi
if ! answers 127.0.0.1 6379; then
  if command -v redis-server >/dev/null; then
    # The gateway's rate-limit counts only: nothing worth keeping on disk.
    echo "Redis is not answering; starting it"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  fi
fi
for _ in $(seq 1 60); do
  answers "$pg_host" 5432 && answers 127.0.0.1 5672 && answers 127.0.0.1 6379 && exit 0
  sleep 1
done
echo "PostgreSQL (5432), RabbitMQ (5672) or Redis (6379) does not answer on this machine" >&2
exit 1
