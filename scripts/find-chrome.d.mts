export declare const CANDIDATES: string[];
export declare const CHROME_ARGS: string[];
export declare function findChrome(): string | undefined;
