"""One running app per library: a second launch hands its argument to the first and exits.

SQLite has one writer per library by design (see the refresh pipeline), so a second
window on the same data directory must not open the database. The first process
listens on a QLocalServer whose name is derived from the user and the resolved data
directory; a later launch connects, sends one JSON line (`{"open": "feed:…"}` or
`{"open": ""}` to just raise the window), waits for "ok", and exits with status 0.

A socket left behind by a crash is detected (nobody answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_CONNECT_MS = 1000
_REPLY_MS = 5000  # the first instance may be busy painting; it answers from its event loop
_ACK = b"ok\n"


class HandoverError(RuntimeError):
    """Another instance runs but did not take the argument (hung or incompatible)."""


def server_name(data_dir: Path) -> str:
    """The local socket name for this user's library in `data_dir` (stable, short)."""
    key = f"{getpass.getuser()}\0{Path(data_dir).resolve()}"
    return "desktop-reader-" + hashlib.sha256(key.encode()).hexdigest()[:20]


def hand_over(name: str, argument: str) -> bool:
    """Send `argument` to a running instance; False if none listens on `name`.

    Raises HandoverError if one answers the connection but not the message.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(_CONNECT_MS):
        return False
    socket.write(json.dumps({"open": argument}).encode() + b"\n")
    socket.flush()
    reply = b""
    while not reply.endswith(b"\n") and socket.waitForReadyRead(_REPLY_MS):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    if reply != _ACK:
        raise HandoverError(
            "Desktop Reader is already running but did not respond. "
            "Close it (or end its process) and try again."
        )
    return True


class SingleInstance(QObject):
    """The guard of the first instance. `claim()` once; then listen to `sig_received`."""

    sig_received = Signal(str)  # an argument from a later launch ("" = just raise)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def claim(self, argument: str = "") -> bool:
        """True if this process is now the instance; False if it handed `argument` over.

        Raises HandoverError if another instance exists but does not answer.
        """
        if hand_over(self.name, argument):
            return False
        if self._server.listen(self.name):
            return True
        # Someone started at the same moment, or a crashed instance left its socket.
        if hand_over(self.name, argument):
            return False
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            raise HandoverError(f"Could not watch for other launches: {self._server.errorString()}")
        return True

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            self._buffers[socket] = data[-65536:]  # one short line is all we expect
            return
        self._buffers[socket] = b""
        line = data.split(b"\n", 1)[0]
        try:
            argument = json.loads(line.decode("utf-8")).get("open", "")
        except (ValueError, AttributeError):
            socket.disconnectFromServer()  # not one of ours; ignore it
            return
        socket.write(_ACK)
        socket.flush()
        self.sig_received.emit(str(argument or ""))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
