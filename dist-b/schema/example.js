/** What GraphiQL opens with: a query that works against the demo data. */
export const exampleOperation = `# Welcome to easemob-graphql.
# Press ▶ to run this against Easemob (the embedded emulator with demo data in development).

query UserCard($username: String! = "alice") {
  user(username: $username) {
    username
    uuid
    nickname
    activated
    createdAt
    status
    offlineCount
    contacts {
      username
      status
    }
    blocks {
      username
    }
  }
}
`;
//# sourceMappingURL=example.js.map