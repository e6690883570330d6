// Review: tasks, queues, verdicts, appeals and cases. Other capabilities, the server and the CLI import it from here.
export * from './cases/index.js';
