import { describe, expect, it } from 'vitest';
import { checkHubModel, hubFileUrl } from './hub-cache';

describe('hub-cache addresses', () => {
  it('builds resolve URLs as the Hub serves them', () => {
    expect(hubFileUrl('https://huggingface.co', 'openai-community/gpt2', 'config.json')).toBe(
      'https://huggingface.co/openai-community/gpt2/resolve/main/config.json',
    );
    expect(hubFileUrl('http://127.0.0.1:8080/', 'gpt2', 'model.safetensors')).toBe(
      'http://127.0.0.1:8080/gpt2/resolve/main/model.safetensors',
    );
  });

  it('refuses bad endpoints and ids, naming them', () => {
    expect(() => checkHubModel('https://huggingface.co', 'openai-community/gpt2')).not.toThrow();
    expect(() => checkHubModel('ftp://x', 'gpt2')).toThrow(/endpoint must be an http\(s\) address.*"ftp:\/\/x"/);
    expect(() => checkHubModel('not a url', 'gpt2')).toThrow(/endpoint/);
    expect(() => checkHubModel('https://huggingface.co', '../etc')).toThrow(/id must be a Hub model id.*"\.\.\/etc"/);
    expect(() => checkHubModel('https://huggingface.co', 'a/b/c')).toThrow(/id must be/);
  });
});
