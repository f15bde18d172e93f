"""Drives our server with Python's own xmlrpc.client (TCP or unix socket); prints JSON results."""
import http.client
import json
import socket
import sys
import xmlrpc.client as x


class UnixTransport(x.Transport):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def make_connection(self, host):
        if self._connection and host == self._connection[0]:
            return self._connection[1]
        _chost, self._extra_headers, _x509 = self.get_host_info(host)
        conn = http.client.HTTPConnection('localhost')

        def connect():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(self.path)
            conn.sock = sock

        conn.connect = connect
        self._connection = host, conn
        return conn


def proxy(url, socket_path):
    if socket_path:
        return x.ServerProxy(url, transport=UnixTransport(socket_path))
    return x.ServerProxy(url)


def attempt(fn):
    try:
        return ['ok', fn()]
    except x.Fault as f:
        return ['fault', f.faultCode, f.faultString]
    except x.ProtocolError as e:
        return ['http', e.errcode]
    except Exception as e:  # noqa: BLE001
        return ['error', type(e).__name__, str(e)]


good_url, bad_urls, socket_path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] or None
out = {}
p = proxy(good_url, socket_path)
out['version'] = attempt(lambda: p.supervisor.getVersion())
out['state'] = attempt(lambda: p.supervisor.getState())
out['fault'] = attempt(lambda: p.supervisor.getProcessInfo('nope'))
out['after_fault'] = attempt(lambda: p.supervisor.getAPIVersion())
out['info'] = attempt(lambda: p.supervisor.getProcessInfo('alpha'))
out['all'] = attempt(lambda: [i['name'] for i in p.supervisor.getAllProcessInfo()])
out['methods'] = attempt(lambda: len(p.system.listMethods()))
out['unknown'] = attempt(lambda: p.nope.nope())
out['multicall'] = attempt(lambda: p.system.multicall([{'methodName': 'supervisor.getAPIVersion', 'params': []},
                                                       {'methodName': 'supervisor.getProcessInfo', 'params': ['nope']}]))
out['log'] = attempt(lambda: p.supervisor.readProcessStdoutLog('alpha', 0, 0))
out['tail'] = attempt(lambda: p.supervisor.tailProcessStdoutLog('alpha', 0, 5))
out['binary_stdin'] = attempt(lambda: p.supervisor.sendProcessStdin('alpha', x.Binary('hé\n'.encode())))
out['wait_start'] = attempt(lambda: p.supervisor.startProcess('later', True))
out['bad'] = [attempt(lambda: proxy(u, socket_path).supervisor.getVersion()) for u in bad_urls]
print(json.dumps(out))
