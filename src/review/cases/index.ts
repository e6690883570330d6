// Cases (investigations): the public face of the cases capability.
export * from './cases.js';
