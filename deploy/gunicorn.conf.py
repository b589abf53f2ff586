"""gunicorn settings for planeval (docs/deployment.md): `gunicorn -c /etc/planeval/gunicorn.conf.py`.

Threads share one process's memory; each thread keeps its own database connection
(DATABASE_URL ?conn_max_age=600), so workers × threads must stay below PostgreSQL's
max_connections divided by the number of app servers.
"""
import multiprocessing

wsgi_app = "config.wsgi:application"
bind = "127.0.0.1:8000"           # the app server's own address when nginx runs on another host
workers = min(2 * multiprocessing.cpu_count() + 1, 9)
threads = 4
worker_class = "gthread"
timeout = 120                     # a synchronous Word export of a whole district takes a few seconds
graceful_timeout = 30
keepalive = 5
max_requests = 2000               # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 200
# Only nginx may set X-Forwarded-Proto (https): gunicorn ignores it from anyone else.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"                   # to journald through standard output
errorlog = "-"
