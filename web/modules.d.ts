// esbuild's "text" loader (web/build.mjs): a .py file imports as its text.
declare module "*.py" {
  const text: string;
  export default text;
}
