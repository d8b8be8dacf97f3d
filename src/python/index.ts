// Reading Python: parse, the syntax model, imports, shape comments, notebooks. No shape rules here.
export * from './syntax';
export * from './parse';
export * from './imports';
export * from './shape-comments';
export * from './notebook';
export { readModule, errorOffsets } from './read';
