// Hash banks: known PDQ hashes in memory, searched by Hamming radius (multi-index hashing, exact).
export { HashBank, linearScan, type BankMatch, type DihedralMatch, type HashBankOptions } from './bank.js';
export { toWords, fromWords, popcount32, popcount128, WORDS } from './bits.js';
