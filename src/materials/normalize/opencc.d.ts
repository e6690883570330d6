// The character table of opencc-js, imported directly: a "T S[ S2…]|T S|…" string (traditional → simplified).
declare module 'opencc-js/dict/TSCharacters' {
  const table: string;
  export default table;
}
