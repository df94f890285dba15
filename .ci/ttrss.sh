#!/usr/bin/env bash
# A real Tiny Tiny RSS on loopback for the sync tests: `start` installs it if missing (Debian
# packages), starts a private PostgreSQL cluster and PHP's built-in server, and prints the URL
# and credentials as KEY=VALUE lines; `stop` stops both. Both are idempotent and safe by hand.
#
# Everything lives under $TTRSS_DIR (default /var/tmp/broadsheet-ttrss), so the machine's own
# PostgreSQL clusters are left alone. On failure it exits non-zero with the reason as its last
# line on stderr, which the test fixture shows when it skips.
set -uo pipefail

DIR=${TTRSS_DIR:-/var/tmp/broadsheet-ttrss}
PORT=${TTRSS_PORT:-8765}
PGPORT=${TTRSS_PGPORT:-54329}
USER_NAME=broadsheet
PASSWORD=broadsheet-test
PACKAGES="postgresql php-cli php-pgsql php-intl php-mbstring php-xml php-curl dbconfig-no-thanks tt-rss"

fail() { echo "ttrss.sh: $*" >&2; exit 1; }

as_postgres() {
    # initdb and postgres refuse to run as root; the package's postgres user runs the cluster.
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_packages() {
    [ -d /usr/share/tt-rss/www ] && command -v php >/dev/null && php -r "exit(extension_loaded('pgsql') ? 0 : 1);" 2>/dev/null && [ -n "$(pg_bin)" ] \
        && return 0
    [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || fail "tt-rss is not installed and installing needs root (apt-get)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
    command -v apt-get >/dev/null || fail "tt-rss is not installed and this system has no apt-get to install it"
    echo "ttrss.sh: installing $PACKAGES (about two minutes)" >&2
    echo "tt-rss tt-rss/dbconfig-install boolean false" | $sudo debconf-set-selections 2>/dev/null
    export DEBIAN_FRONTEND=noninteractive
    if ! $sudo apt-get install -y --no-install-recommends $PACKAGES >"$DIR/apt.log" 2>&1; then
        $sudo apt-get update -q >>"$DIR/apt.log" 2>&1 \
            && $sudo apt-get install -y --no-install-recommends $PACKAGES >>"$DIR/apt.log" 2>&1 \
            || fail "could not install the tt-rss packages ($(tail -1 "$DIR/apt.log")); see $DIR/apt.log"
    fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

psql_() { "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }

start_postgres() {
    local bin; bin=$(pg_bin)
    if [ ! -f "$DIR/pg/PG_VERSION" ]; then
        mkdir -p "$DIR/pg" && chown postgres "$DIR/pg" 2>/dev/null
        as_postgres "'$bin/initdb' -D '$DIR/pg' -U postgres --auth=trust -E UTF8" >"$DIR/initdb.log" 2>&1 \
            || fail "initdb failed: $(tail -1 "$DIR/initdb.log")"
    fi
    # The server's log and socket go in a folder of its own user's.
    mkdir -p "$DIR/run" && chown postgres "$DIR/run" 2>/dev/null
    if ! as_postgres "'$bin/pg_ctl' -D '$DIR/pg' status" >/dev/null 2>&1; then
        as_postgres "'$bin/pg_ctl' -D '$DIR/pg' -w -t 30 -l '$DIR/run/pg.log' \
            -o \"-p $PGPORT -k '$DIR/run' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null \
            || fail "PostgreSQL did not start: $(tail -1 "$DIR/run/pg.log")"
    fi
    if ! psql_ -d postgres -tAc "select 1 from pg_database where datname='ttrss'" | grep -q 1; then
        psql_ -d postgres -c "create database ttrss" || fail "could not create the ttrss database"
        psql_ -d ttrss -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql >"$DIR/schema.log" 2>&1 \
            || fail "could not load the tt-rss schema: $(tail -1 "$DIR/schema.log")"
    fi
    # The test user, with the API switched on (tt-rss's own admin keeps its defaults).
    psql_ -d ttrss >/dev/null <<SQL || fail "could not create the tt-rss user"
insert into ttrss_users (login, pwd_hash, access_level, created)
    select '$USER_NAME', 'SHA1:' || encode(sha256('x'), 'hex'), 0, now()
    where not exists (select 1 from ttrss_users where login = '$USER_NAME');
update ttrss_users set pwd_hash = 'SHA1:$(printf %s "$PASSWORD" | sha1sum | cut -d' ' -f1)', salt = ''
    where login = '$USER_NAME';
delete from ttrss_user_prefs where pref_name = 'ENABLE_API_ACCESS'
    and owner_uid = (select id from ttrss_users where login = '$USER_NAME');
insert into ttrss_user_prefs (owner_uid, pref_name, value, profile)
    select id, 'ENABLE_API_ACCESS', 'true', null from ttrss_users where login = '$USER_NAME';
SQL
}

configure() {
    local url="http://127.0.0.1:$PORT/"
    cat >"$DIR/database.php" <<PHP
<?php
\$dbtype = 'pgsql'; \$dbserver = '127.0.0.1'; \$dbport = '$PGPORT';
\$dbuser = 'postgres'; \$dbpass = ''; \$dbname = 'ttrss';
PHP
    # The package's config.php reads /etc/tt-rss/database.php and ships SELF_URL_PATH as a placeholder.
    install -m 644 "$DIR/database.php" /etc/tt-rss/database.php 2>/dev/null || fail "cannot write /etc/tt-rss/database.php"
    sed -i "s|define('SELF_URL_PATH', '[^']*');|define('SELF_URL_PATH', '$url');|" /etc/tt-rss/config.php \
        || fail "cannot set SELF_URL_PATH in /etc/tt-rss/config.php"
    mkdir -p /var/cache/tt-rss/{images,upload,export,js} /var/lib/tt-rss /var/lib/tt-rss/feed-icons 2>/dev/null
    [ "$(id -u)" = 0 ] && chown -R www-data: /var/cache/tt-rss /var/lib/tt-rss 2>/dev/null
}

start_php() {
    if alive "$DIR/php.pid"; then
        [ "$(cat "$DIR/php.port" 2>/dev/null)" = "$PORT" ] && return 0
        fail "a tt-rss server from $DIR already runs on port $(cat "$DIR/php.port" 2>/dev/null); stop it first"
    fi
    echo "$PORT" >"$DIR/php.port"
    # tt-rss's web side refuses to run as root (its sanity check), so PHP serves as www-data.
    local run=(); [ "$(id -u)" = 0 ] && run=(setpriv --reuid=www-data --regid=www-data --init-groups)
    # exec all the way down, so that the pid recorded is PHP's own and `stop` ends exactly it.
    (cd /usr/share/tt-rss/www && exec setsid "${run[@]}" php -S "127.0.0.1:$PORT" -t . >"$DIR/php.log" 2>&1) &
    echo $! >"$DIR/php.pid"
    for _ in $(seq 50); do
        alive "$DIR/php.pid" || fail "PHP's server exited (port $PORT taken?): $(tail -1 "$DIR/php.log")"
        if curl -fsS -m 2 -o /dev/null -d '{"op":"getApiLevel"}' "http://127.0.0.1:$PORT/api/" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    fail "PHP's server did not answer on port $PORT: $(tail -1 "$DIR/php.log")"
}

case "${1:-}" in
start)
    mkdir -p "$DIR" || fail "cannot create $DIR"
    chmod 755 "$DIR"
    command -v curl >/dev/null || fail "curl is needed to check the server"
    install_packages
    start_postgres
    configure
    start_php
    echo "TTRSS_URL=http://127.0.0.1:$PORT/"
    echo "TTRSS_USER=$USER_NAME"
    echo "TTRSS_PASSWORD=$PASSWORD"
    echo "TTRSS_DB=postgresql://postgres@127.0.0.1:$PGPORT/ttrss"
    ;;
stop)
    if alive "$DIR/php.pid"; then kill "$(cat "$DIR/php.pid")"; fi
    rm -f "$DIR/php.pid"
    bin=$(pg_bin)
    if [ -n "$bin" ] && [ -f "$DIR/pg/PG_VERSION" ]; then
        as_postgres "'$bin/pg_ctl' -D '$DIR/pg' -m fast stop" >/dev/null 2>&1 || true
    fi
    echo "ttrss.sh: stopped"
    ;;
*)
    echo "usage: .ci/ttrss.sh start|stop" >&2; exit 2 ;;
esac
