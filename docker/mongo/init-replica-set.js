// Initiates the replica set rs0 of the three members, once; on later starts it is already initiated.
try {
  rs.status();
  print("replica set rs0 is initiated already");
} catch (notYet) {
  rs.initiate({
    _id: "rs0",
    members: [
      {_id: 0, host: "mongo-1:27017", priority: 2},
      {_id: 1, host: "mongo-2:27017"},
      {_id: 2, host: "mongo-3:27017"}
    ]
  });
  print("replica set rs0 initiated");
}
// The engines start once the set has elected a primary.
while (!rs.status().members.some(member => member.stateStr === "PRIMARY")) {
  sleep(500);
}
print("replica set rs0 has a primary");
