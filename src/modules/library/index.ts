/** The library module's public face. */
export { libraryModule, type LibraryModuleServices } from './module.ts';
export type { LibraryServices } from './services/library-services.ts';
export type { Resource, ResourceInput, ResourceType } from './domain/resource.ts';
