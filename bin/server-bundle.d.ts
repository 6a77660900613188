export declare const ROOT: string;
export declare const BUNDLE: string;
export declare function bundleIsFresh(bundle?: string): boolean;
export declare function buildServerBundle(bundle?: string): string;
