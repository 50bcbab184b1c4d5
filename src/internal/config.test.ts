import { expect } from '@open-wc/testing';
import { configure, registerScript, resolvePage, resolveSetting, resetConfig } from './config.js';

describe('configuration resolution', () => {
  const added: Element[] = [];
  const add = <T extends Element>(el: T): T => {
    document.head.append(el);
    added.push(el);
    return el;
  };
  const script = (dataset: Record<string, string>) => {
    const el = document.createElement('script');
    el.type = 'text/plain'; // never executed: only its src and data-* matter
    el.src = 'https://comments.example.org/chime.js';
    Object.assign(el.dataset, dataset);
    registerScript('https://comments.example.org/chime.js');
    return add(el);
  };
  const meta = (name: string, content: string) => {
    const el = document.createElement('meta');
    el.name = name;
    el.content = content;
    return add(el);
  };

  afterEach(() => {
    added.splice(0).forEach((el) => el.remove());
    resetConfig();
  });

  it('uses the element attribute before everything else', () => {
    configure({ backend: 'https://configured.example' });
    script({ backend: 'https://script.example' });
    meta('chime:backend', 'https://meta.example');
    expect(resolveSetting('backend', 'https://own.example')).to.equal('https://own.example');
  });

  it('uses configure() before the script tag', () => {
    configure({ backend: 'https://configured.example' });
    script({ backend: 'https://script.example' });
    meta('chime:backend', 'https://meta.example');
    expect(resolveSetting('backend', null)).to.equal('https://configured.example');
  });

  it('uses the script tag data-* before the meta element', () => {
    script({ backend: 'https://script.example', lang: 'de', theme: 'dark' });
    meta('chime:backend', 'https://meta.example');
    expect(resolveSetting('backend', null)).to.equal('https://script.example');
    expect(resolveSetting('lang', null)).to.equal('de');
    expect(resolveSetting('theme', null)).to.equal('dark');
  });

  it('uses the meta element before the script origin', () => {
    script({});
    meta('chime:backend', 'https://meta.example');
    expect(resolveSetting('backend', null)).to.equal('https://meta.example');
  });

  it('falls back to the origin that served the script', () => {
    script({});
    expect(resolveSetting('backend', null)).to.equal('https://comments.example.org');
  });

  it('has no backend when nothing configures one', () => {
    expect(resolveSetting('backend', null)).to.equal(undefined);
  });

  describe('page id', () => {
    it('prefers the attribute', () => {
      expect(resolvePage('/my/page')).to.equal('/my/page');
    });

    it('falls back to the canonical URL path', () => {
      const link = add(document.createElement('link'));
      link.rel = 'canonical';
      link.href = 'https://news.example.org/world/story?utm_source=x#top';
      expect(resolvePage(null)).to.equal('/world/story');
    });

    it('falls back to location.pathname', () => {
      expect(resolvePage(undefined)).to.equal(location.pathname);
    });
  });
});
