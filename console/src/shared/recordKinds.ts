// The kinds of versioned record the console edits (policies, queues): the nouns the shared record pages put in
// their text ("New policy", "All queues"), and where each kind lives on the server and in the console.
export interface RecordKind {
  /** "policy": "New policy", "Create policy", "Policy <id>"; the list's test id is "<singular>-list". */
  singular: string;
  /** "policies": the list's title, "All policies", "No policies yet."; also the list response's key. */
  plural: string;
  /** The server's collection: GET (list), POST (create); GET, PUT, DELETE and /versions below it per record. */
  apiPath: string;
  /** The console's list page; a record's page is below it, its create page at <pagePath>/new. */
  pagePath: string;
}

export const POLICIES: RecordKind = { singular: 'policy', plural: 'policies', apiPath: '/v1/policies', pagePath: '/policies' };
export const QUEUES: RecordKind = { singular: 'queue', plural: 'queues', apiPath: '/v1/queues', pagePath: '/queues' };
