// The Node peer of bench/fanout.py: the same relay as bench/raw_server.py, on the `ws`
// package. {"join": ROOM} joins a room (answered {"type":"joined"}); any other frame
// {"room": ROOM, ...} goes verbatim to every member of that room. No persistence, no auth.
//
//   node bench/node_relay/relay.js PORT
"use strict";

const { WebSocketServer } = require("ws");

const port = Number(process.argv[2]);
const rooms = new Map();

const server = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false });

server.on("connection", (socket) => {
  const joined = [];
  socket.on("message", (data, isBinary) => {
    const frame = JSON.parse(data);
    if ("join" in frame) {
      if (!rooms.has(frame.join)) rooms.set(frame.join, new Set());
      rooms.get(frame.join).add(socket);
      joined.push(frame.join);
      socket.send('{"type":"joined"}');
      return;
    }
    for (const member of rooms.get(frame.room) || []) {
      member.send(data, { binary: isBinary });
    }
  });
  socket.on("close", () => {
    for (const room of joined) rooms.get(room).delete(socket);
  });
});

server.on("listening", () => console.log("ready"));
