#!/bin/sh
# The streaming replica: on first start, copy the primary (pg_basebackup writes standby.signal and
# primary_conninfo with -R), then run as a hot standby. Runs as the postgres user of the image.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup -h primary -U replicator -D "$PGDATA" -R -X stream -c fast; do
    echo "replica: primary not ready, retrying"; rm -rf "$PGDATA"/*; sleep 2
  done
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
