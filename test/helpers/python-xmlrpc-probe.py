"""Drives a supervisord through Python's own xmlrpc.client and prints what it saw as JSON.

Usage: python3 python-xmlrpc-probe.py URL USERNAME PASSWORD TEMPDIR

URL is http://127.0.0.1:PORT or unix:///path/to/socket. Volatile values (pids, times, the temp
dir) are masked so that two daemons run on the same config give the same JSON. The sequence of
calls is fixed, so the daemon's state evolves the same way on both.
"""
import http.client
import json
import re
import socket
import sys
import time
import xmlrpc.client

url, username, password, tempdir = sys.argv[1:5]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__('localhost')
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)


class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        super().__init__()
        self.unix_path = path

    def make_connection(self, host):
        # get_host_info() takes the credentials out of the URL into the Authorization header.
        _, self._extra_headers, _ = self.get_host_info(host)
        return UnixConnection(self.unix_path)


def proxy(user=None, secret=None):
    credentials = '' if user is None else '%s:%s@' % (user, secret)
    if url.startswith('unix://'):
        return xmlrpc.client.ServerProxy('http://%slocalhost' % credentials, transport=UnixTransport(url[len('unix://'):]))
    return xmlrpc.client.ServerProxy(url.replace('http://', 'http://' + credentials))


def raw_post(body, headers):
    """POSTs raw bytes to /RPC2 and returns the status code, or 'no response'."""
    if url.startswith('unix://'):
        connection = UnixConnection(url[len('unix://'):])
    else:
        connection = http.client.HTTPConnection(url[len('http://'):])
    try:
        connection.request('POST', '/RPC2', body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (http.client.HTTPException, OSError):
        return 'no response'
    finally:
        connection.close()


def shape(value):
    """Type names of a value, recursively (the keys of structs, the types of their values)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


VOLATILE = {'pid', 'start', 'stop', 'now'}


def mask(value):
    if isinstance(value, dict):
        masked = {}
        for key, item in value.items():
            if key in VOLATILE and isinstance(item, int) and item != 0:
                masked[key] = '<%s>' % key
            elif key == 'description' and isinstance(item, str) and item.startswith('pid '):
                masked[key] = 'pid <pid>, uptime <uptime>'
            elif key == 'description' and isinstance(item, str) and item[:3] in ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'):
                masked[key] = '<stop time>'
            else:
                masked[key] = mask(item)
        return masked
    if isinstance(value, list):
        return [mask(item) for item in value]
    if isinstance(value, str):
        # Automatic child log names carry a random part.
        return re.sub(r'---supervisor-\w+\.log', '---supervisor-<random>.log', value.replace(tempdir, '<dir>'))
    return value


def attempt(call):
    try:
        return {'result': mask(call())}
    except xmlrpc.client.Fault as fault:
        return {'fault': [fault.faultCode, mask(fault.faultString)]}
    except xmlrpc.client.ProtocolError as error:
        return {'http': error.errcode}


server = proxy(username, password)
seen = {}

seen['listMethods'] = server.system.listMethods()
seen['getState'] = server.supervisor.getState()
seen['getAPIVersion'] = server.supervisor.getAPIVersion()
seen['getSupervisorVersion'] = server.supervisor.getSupervisorVersion()
seen['getIdentification'] = server.supervisor.getIdentification()

all_info = server.supervisor.getAllProcessInfo()
seen['getAllProcessInfo shape'] = shape(all_info)
seen['getAllProcessInfo'] = mask(all_info)
seen['getProcessInfo talker shape'] = shape(server.supervisor.getProcessInfo('talker'))
seen['getAllConfigInfo shape'] = shape(server.supervisor.getAllConfigInfo())
seen['getAllConfigInfo'] = mask(server.supervisor.getAllConfigInfo())

seen['faults'] = {
    'BAD_NAME getProcessInfo': attempt(lambda: server.supervisor.getProcessInfo('nosuch')),
    'BAD_NAME startProcessGroup': attempt(lambda: server.supervisor.startProcessGroup('nosuch')),
    'ALREADY_STARTED': attempt(lambda: server.supervisor.startProcess('talker')),
    'NOT_RUNNING': attempt(lambda: server.supervisor.stopProcess('idle')),
    'SPAWN_ERROR': attempt(lambda: server.supervisor.startProcess('broken')),
    'NO_FILE command': attempt(lambda: server.supervisor.startProcess('missing')),
    'NO_FILE stdout': attempt(lambda: server.supervisor.readProcessStdoutLog('nolog', 0, 100)),
    'NO_FILE stderr': attempt(lambda: server.supervisor.readProcessStderrLog('talker', 0, 100)),
    'BAD_ARGUMENTS signal': attempt(lambda: server.supervisor.signalProcess('talker', 'NOSUCHSIG')),
    'UNKNOWN_METHOD': attempt(lambda: server.supervisor.noSuchMethod()),
    'INCORRECT_PARAMETERS': attempt(lambda: server.supervisor.getProcessInfo()),
    'NOT_RUNNING signal': attempt(lambda: server.supervisor.signalProcess('idle', 'HUP')),
}

seen['multicall'] = mask(server.system.multicall([
    {'methodName': 'supervisor.getAPIVersion', 'params': []},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['nosuch']},
    {'methodName': 'supervisor.stopProcess', 'params': ['idle']},
    {'methodName': 'system.multicall', 'params': [[]]},
    {'methodName': 'no.such', 'params': []},
    {'methodName': 'supervisor.startProcess', 'params': ['idle']},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['idle']},
]))

# Processes stopped together finish in no fixed order (on 4.2.5 too): compare them sorted.
seen['stopProcessGroup'] = sorted(mask(server.supervisor.stopProcessGroup('pool')), key=lambda result: result['name'])
seen['startProcessGroup'] = mask(server.supervisor.startProcessGroup('pool'))
seen['stopProcess idle'] = server.supervisor.stopProcess('idle')
seen['sendProcessStdin'] = server.supervisor.sendProcessStdin('talker', 'from python\n')
pid_before = server.supervisor.getProcessInfo('pool:pool_0')['pid']
seen['signalProcess'] = server.supervisor.signalProcess('pool:pool_0', 'USR1')

# pool_0 dies of the USR1; autorestart=unexpected brings it back with a new pid.
deadline = time.time() + 10
while time.time() < deadline:
    after = server.supervisor.getProcessInfo('pool:pool_0')
    if after['statename'] == 'RUNNING' and after['pid'] != pid_before:
        break
    time.sleep(0.05)
seen['signalProcessGroup'] = mask(server.supervisor.signalProcessGroup('pool', 'CONT'))
seen['clearProcessLogs'] = server.supervisor.clearProcessLogs('idle')
seen['tailProcessStdoutLog nolog'] = attempt(lambda: server.supervisor.tailProcessStdoutLog('nolog', 0, 10))
seen['reloadConfig'] = server.supervisor.reloadConfig()

seen['getProcessInfo pool_0 after'] = mask(server.supervisor.getProcessInfo('pool:pool_0'))

# HTTP-level answers: no or wrong credentials, malformed bodies; the daemon keeps serving.
seen['unauthenticated'] = attempt(lambda: proxy().supervisor.getState())
seen['wrong password'] = attempt(lambda: proxy(username, 'wrong').supervisor.getState())
authorization = 'Basic ' + __import__('base64').b64encode(('%s:%s' % (username, password)).encode()).decode()
seen['malformed xml'] = raw_post(b'<methodCall><methodName>supervisor.getState', {'Authorization': authorization, 'Content-Type': 'text/xml'})
seen['not xml'] = raw_post(b'\x00\x01garbage\xff', {'Authorization': authorization, 'Content-Type': 'text/xml'})
seen['no method name'] = raw_post(b"<?xml version='1.0'?><methodCall><params/></methodCall>", {'Authorization': authorization})
seen['still serving'] = server.supervisor.getState()

json.dump(seen, sys.stdout, indent=1, sort_keys=True)
