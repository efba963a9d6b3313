/**
 * Islands import their stylesheet (`import './editor.css'`); esbuild bundles it into
 * <island>.css beside <island>.js. This tells TypeScript such imports are not modules it
 * should look for.
 */
declare module '*.css';
