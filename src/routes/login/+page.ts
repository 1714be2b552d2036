// Its own HTML (an empty shell, as every page here), which preloads this page's code with the
// app's: the most common cold visit draws after one round of requests, not two.
export const prerender = true;
