// Empty lists made of the kind they have once filled. V8 makes `[]` a list of small integers and changes its kind at the
// first object or string put in it; code the optimising compiler built while it met only filled lists is thrown away,
// and built again, the first time it meets an empty one (in a fresh process, once per place: a batch's first lines).

/** An empty list of the kind a list of objects or strings has. */
export function objectList<T>(): T[] {
  const list = [undefined] as unknown as T[];
  list.pop();
  return list;
}
